import { ChannelListQuerySchema, PaymentExportQuerySchema, PayoutExportQuerySchema, RevenueQuerySchema, SubscriberListQuerySchema } from '../api/report-params.ts';
import { ALL_ROLES, FIND_PROBLEMS, READ_PROBLEMS, type ApiOperation } from './operation-types.ts';

// Channels, subscribers, revenue and the CSV exports: the dashboard's data, scoped like the rest.

const read = (operation: Omit<ApiOperation, 'method' | 'security' | 'roles'>): ApiOperation => ({ method: 'get', security: 'caller', roles: ALL_ROLES, ...operation });

export const reportOperations: readonly ApiOperation[] = [
  read({
    operationId: 'listChannels',
    path: '/api/v1/channels',
    summary: 'Channels with their tiers and subscriber counts',
    tags: ['channels'],
    query: ChannelListQuerySchema,
    success: { status: 200, description: 'A page of channels', json: 'ChannelPage' },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'getChannel',
    path: '/api/v1/channels/{id}',
    summary: 'One channel with every tier it priced (retired ones flagged)',
    tags: ['channels'],
    success: { status: 200, description: 'The channel', json: 'Channel' },
    problems: FIND_PROBLEMS,
  }),
  read({
    operationId: 'listSubscribers',
    path: '/api/v1/subscribers',
    summary: 'Subscriptions with their status and end dates',
    tags: ['channels'],
    query: SubscriberListQuerySchema,
    success: { status: 200, description: 'A page of subscribers', json: 'SubscriberPage' },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'getRevenue',
    path: '/api/v1/revenue',
    summary: 'Revenue by day, week or month, per currency, in exact decimals',
    description: '`from` (inclusive) and `to` (exclusive) are UTC dates; by default the last 30 days through today.',
    tags: ['reports'],
    query: RevenueQuerySchema,
    success: { status: 200, description: 'The revenue series', json: 'Revenue' },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'exportPayments',
    path: '/api/v1/payments.csv',
    summary: 'Every matching payment as CSV, newest change first',
    tags: ['reports'],
    query: PaymentExportQuerySchema,
    success: { status: 200, description: 'RFC 4180 CSV with a header row; amounts exact', csv: true },
    problems: READ_PROBLEMS,
  }),
  read({
    operationId: 'exportPayouts',
    path: '/api/v1/payouts.csv',
    summary: 'Every matching payout as CSV, newest change first',
    tags: ['reports'],
    query: PayoutExportQuerySchema,
    success: { status: 200, description: 'RFC 4180 CSV with a header row; amounts exact', csv: true },
    problems: READ_PROBLEMS,
  }),
];
