import { PaymentListQuerySchema } from '../api/params.ts';
import { BalanceQuerySchema, PayoutListQuerySchema } from '../api/payout-params.ts';
import { ALL_ROLES, AUDIT_ROLES, FIND_PROBLEMS, READ_PROBLEMS, type ApiOperation } from './operation-types.ts';

// Invoices, payments and payouts: every one scoped to the caller's channels in its query, so
// another owner's id answers 404, exactly as an id that does not exist.

const read = (operation: Omit<ApiOperation, 'method' | 'security' | 'roles'> & { roles?: ApiOperation['roles'] }): ApiOperation => ({
  method: 'get',
  security: 'caller',
  roles: ALL_ROLES,
  ...operation,
});

export const readOperations: readonly ApiOperation[] = [
  read({
    operationId: 'getInvoice',
    path: '/api/v1/invoices/{id}',
    summary: 'One invoice with its payments and their splits',
    tags: ['payments'],
    success: { status: 200, description: 'The invoice', json: 'Invoice' },
    problems: FIND_PROBLEMS,
  }),
  read({
    operationId: 'listPayments',
    path: '/api/v1/payments',
    summary: 'Payments, newest change first',
    description: 'Keyset pages: pass `nextCursor` as `cursor` for the next page; it is null on the last one.',
    tags: ['payments'],
    query: PaymentListQuerySchema,
    success: { status: 200, description: 'A page of payments', json: 'PaymentPage' },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'getPayment',
    path: '/api/v1/payments/{id}',
    summary: 'One payment with its split (null until calculated)',
    tags: ['payments'],
    success: { status: 200, description: 'The payment', json: 'PaymentWithSplit' },
    problems: FIND_PROBLEMS,
  }),
  read({
    operationId: 'getPaymentEvents',
    path: '/api/v1/payments/{id}/events',
    summary: "The payment's event trail, oldest first (auditors and admins)",
    tags: ['audit'],
    roles: AUDIT_ROLES,
    success: { status: 200, description: 'The recorded events of the payment', json: 'PaymentTrail' },
    problems: [400, 401, 403, 404, 429, 503],
  }),
  read({
    operationId: 'listPayouts',
    path: '/api/v1/payouts',
    summary: 'Payouts, newest change first',
    description: 'Keyset pages, as for payments.',
    tags: ['payouts'],
    query: PayoutListQuerySchema,
    success: { status: 200, description: 'A page of payouts', json: 'PayoutPage' },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'getPayout',
    path: '/api/v1/payouts/{id}',
    summary: 'One payout with its transfers',
    tags: ['payouts'],
    success: { status: 200, description: 'The payout', json: 'Payout' },
    problems: FIND_PROBLEMS,
  }),
  read({
    operationId: 'listBalances',
    path: '/api/v1/balances',
    summary: 'Balances per owner and currency, and per channel',
    tags: ['payouts'],
    query: BalanceQuerySchema,
    success: { status: 200, description: 'The balances', json: 'Balances' },
    problems: READ_PROBLEMS,
  }),
];
