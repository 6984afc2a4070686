/**
 * The sandbox's memory: invoices, payments and the IPNs it sent (each capped, oldest forgotten
 * first: sandbox-limits.ts), plus `pay`, which walks a payment through its statuses and delivers
 * each signed IPN to the invoice's callback URL.
 */
import { PayGateError } from '@paygate/domain';
import type { FetchLike } from '../client/api-request.ts';
import type { NowPaymentsPaymentStatus } from '../ipn-payload.ts';
import { signIpnPayload } from '../ipn-signature.ts';
import { coinOf } from './currencies.ts';
import { deliverIpn, type IpnRetryPolicy, type SentIpn } from './ipn-delivery.ts';
import { planPayment, type SandboxOutcome } from './payment-flow.ts';
import { evictOldest, trimOldest, type SandboxLimits } from './sandbox-limits.ts';

export type SandboxInvoice = {
  readonly id: string;
  readonly tokenId: string;
  readonly orderId: string | null;
  readonly orderDescription: string | null;
  readonly priceAmount: string; // exact decimal
  readonly priceCurrency: string;
  readonly payCurrency: string | null;
  readonly ipnCallbackUrl: string | null;
  readonly successUrl: string | null;
  readonly cancelUrl: string | null;
  readonly invoiceUrl: string;
  readonly createdAt: string;
  readonly isFixedRate: boolean;
  readonly isFeePaidByUser: boolean;
  readonly paymentIds: number[];
  /** The first payment played through to finished: the invoice is paid, and paying it again is refused unless asked for. */
  paidBy: number | null;
};

export type NewInvoice = Omit<SandboxInvoice, 'id' | 'tokenId' | 'invoiceUrl' | 'createdAt' | 'paymentIds' | 'paidBy'>;

export type PayOptions = {
  readonly outcome?: SandboxOutcome;
  readonly duplicate?: boolean; // send every IPN twice
  readonly outOfOrder?: boolean; // deliver the last two statuses swapped
  readonly payCurrency?: string;
  /** Pay an invoice that is already paid (a payer sending twice); refused otherwise. */
  readonly again?: boolean;
  /** Reach every status but lose its IPN (never posted; `sentIpns` keeps it undelivered, for deliverLate). */
  readonly loseIpns?: boolean;
};

export type PayResult = {
  readonly invoiceId: string;
  readonly paymentId: number;
  readonly payCurrency: string;
  readonly payAmount: string;
  readonly actuallyPaid: string;
  readonly statuses: readonly NowPaymentsPaymentStatus[]; // in the order they happened
  readonly deliveries: readonly SentIpn[]; // in the order they were sent
};

export type LedgerConfig = {
  readonly ipnSecret: string;
  readonly clock: () => Date;
  readonly fetch: FetchLike;
  readonly retry: IpnRetryPolicy;
  readonly stepDelayMs: number;
  readonly defaultPayCurrency: string;
  readonly outcomeCurrency: string;
  readonly feeBps: number;
  readonly publicUrl: () => string;
  readonly limits: SandboxLimits;
};

/** 10-digit ids like NOWPayments', increasing with time so a restarted sandbox does not reuse them. */
const idSource = (offset: number, clock: () => Date) => {
  let last = 0;
  return () => (last = Math.max(last + 1, offset + Math.floor(clock().getTime() / 1000)));
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const createSandboxLedger = (config: LedgerConfig) => {
  const invoices = new Map<string, SandboxInvoice>();
  const payments = new Map<number, Record<string, unknown>>();
  const sentIpns: SentIpn[] = [];
  const nextInvoiceId = idSource(4_000_000_000, config.clock);
  const nextPaymentId = idSource(5_000_000_000, config.clock);
  const nextPurchaseId = idSource(6_000_000_000, config.clock);

  const createInvoice = (input: NewInvoice): SandboxInvoice => {
    const id = String(nextInvoiceId());
    const invoice: SandboxInvoice = {
      ...input,
      id,
      tokenId: String(nextPurchaseId()),
      invoiceUrl: `${config.publicUrl()}/payment/?iid=${id}`,
      createdAt: config.clock().toISOString(),
      paymentIds: [],
      paidBy: null,
    };
    invoices.set(id, invoice);
    evictOldest(invoices, config.limits.invoices);
    return invoice;
  };

  /** By NOWPayments invoice id, else by the merchant's order id (latest invoice wins). */
  const findInvoice = (ref: string): SandboxInvoice | undefined =>
    invoices.get(ref) ?? [...invoices.values()].reverse().find((invoice) => invoice.orderId === ref);

  const pay = async (ref: string, options: PayOptions = {}): Promise<PayResult> => {
    const invoice = findInvoice(ref);
    if (!invoice) throw new PayGateError('not_found', 'no sandbox invoice with that id or order id', { ref });
    if (invoice.paidBy !== null && options.again !== true) {
      // A second payment is real money PayGate must not take as a new sale; make it on purpose only.
      throw new PayGateError(
        'conflict',
        `invoice ${invoice.orderId ?? invoice.id} is already paid (payment ${invoice.paidBy}); pay again only on purpose ("again": true, \`paygate sandbox pay --again\`): PayGate records a second payment as an overpayment for an operator`,
        { invoiceId: invoice.id, paidBy: invoice.paidBy },
      );
    }
    const payCode = (options.payCurrency ?? invoice.payCurrency ?? config.defaultPayCurrency).toLowerCase();
    const payCoin = coinOf(payCode);
    const outcomeCoin = coinOf(config.outcomeCurrency);
    if (!payCoin || !outcomeCoin) throw new PayGateError('validation', `unsupported pay currency ${payCode}`, { payCurrency: payCode });
    const outcome = options.outcome ?? 'finished';
    const paymentId = nextPaymentId();
    // Decided up front, so a second pay() racing this one is refused too.
    if (outcome === 'finished') invoice.paidBy ??= paymentId;
    invoice.paymentIds.push(paymentId);
    trimOldest(invoice.paymentIds, config.limits.payments);
    const plan = planPayment({
      invoice,
      outcome,
      payCoin,
      outcomeCoin,
      paymentId,
      purchaseId: String(nextPurchaseId()),
      feeBps: config.feeBps,
      createdAt: config.clock().toISOString(),
    });

    // Statuses are reached (and time-stamped) in order, even when delivered out of order.
    const bodies: string[] = [];
    const reach = (index: number): string => {
      for (let i = bodies.length; i <= index; i += 1) {
        const payload = plan.steps[i]!.payload(config.clock().toISOString());
        payments.set(paymentId, payload);
        evictOldest(payments, config.limits.payments);
        bodies.push(JSON.stringify(payload));
      }
      return bodies[index]!;
    };
    const order = plan.steps.map((_, i) => i);
    if (options.outOfOrder && order.length >= 2) order.splice(-2, 2, order.at(-1)!, order.at(-2)!);

    const deliveries: SentIpn[] = [];
    for (const [position, index] of order.entries()) {
      if (position > 0 && config.stepDelayMs > 0) await sleep(config.stepDelayMs);
      const body = reach(index);
      if (!invoice.ipnCallbackUrl) continue; // no callback URL: NOWPayments has nobody to tell
      const signature = signIpnPayload(JSON.parse(body), config.ipnSecret);
      for (const copy of options.duplicate ? (['original', 'duplicate'] as const) : (['original'] as const)) {
        const ipn: SentIpn = {
          invoiceId: invoice.id,
          paymentId,
          status: plan.steps[index]!.status,
          url: invoice.ipnCallbackUrl,
          body,
          signature,
          copy,
          late: index < Math.max(...order.slice(0, position)),
          attempts: [],
          delivered: false,
        };
        sentIpns.push(ipn);
        trimOldest(sentIpns, config.limits.sentIpns);
        deliveries.push(ipn);
        if (options.loseIpns !== true) await deliverIpn(ipn, config.fetch, config.retry, config.clock);
      }
    }
    return {
      invoiceId: invoice.id,
      paymentId,
      payCurrency: payCoin.code,
      payAmount: plan.payAmount,
      actuallyPaid: plan.actuallyPaid,
      statuses: plan.steps.map((step) => step.status),
      deliveries,
    };
  };

  return { invoices, payments, sentIpns, createInvoice, findInvoice, pay };
};

export type SandboxLedger = ReturnType<typeof createSandboxLedger>;
