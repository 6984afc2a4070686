/**
 * What one sandbox payment looks like, status by status: the IPN bodies NOWPayments would send.
 * Every amount is a decimal string computed with bigint arithmetic, then written as a JSON
 * number that reads back digit for digit (toExactJsonNumber refuses anything else).
 */
import { PayGateError } from '@paygate/domain';
import { decimalToUnits, divideDecimal, multiplyDecimal, toExactJsonNumber, unitsToDecimal } from '../decimal.ts';
import type { NowPaymentsPaymentStatus } from '../ipn-payload.ts';
import { usdRateOf, type SandboxCoin } from './currencies.ts';

export const SANDBOX_OUTCOMES = ['finished', 'partially_paid', 'failed', 'expired'] as const;
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number];

/** The order NOWPayments walks through for each outcome. */
export const STATUS_SEQUENCES: Readonly<Record<SandboxOutcome, readonly NowPaymentsPaymentStatus[]>> = {
  finished: ['waiting', 'confirming', 'confirmed', 'sending', 'finished'],
  partially_paid: ['waiting', 'confirming', 'partially_paid'],
  failed: ['waiting', 'confirming', 'failed'],
  expired: ['waiting', 'expired'],
};

/** A partial payment sends this share of the amount due. */
export const PARTIAL_PAYMENT_SHARE = '0.6';

export type PaymentInvoiceFacts = {
  readonly id: string;
  readonly orderId: string | null;
  readonly orderDescription: string | null;
  readonly priceAmount: string;
  readonly priceCurrency: string;
};

export type PaymentPlanInput = {
  readonly invoice: PaymentInvoiceFacts;
  readonly outcome: SandboxOutcome;
  readonly payCoin: SandboxCoin;
  readonly outcomeCoin: SandboxCoin;
  readonly paymentId: number;
  readonly purchaseId: string;
  readonly feeBps: number; // NOWPayments' service fee, deducted from the outcome
  readonly createdAt: string;
};

export type PaymentStep = {
  readonly status: NowPaymentsPaymentStatus;
  /** The IPN body for this status, stamped with the time the status was reached. */
  readonly payload: (updatedAt: string) => Record<string, unknown>;
};

export type PaymentPlan = {
  readonly payAmount: string;
  readonly actuallyPaid: string;
  readonly payAddress: string;
  readonly steps: readonly PaymentStep[];
};

const amountsFor = (input: PaymentPlanInput) => {
  const priceUsdRate = usdRateOf(input.invoice.priceCurrency);
  if (!priceUsdRate) throw new PayGateError('validation', `unknown price currency ${input.invoice.priceCurrency}`);
  const { payCoin, outcomeCoin } = input;
  const priceUsd = multiplyDecimal(input.invoice.priceAmount, priceUsdRate, 8, 'up');
  const payAmount = divideDecimal(priceUsd, payCoin.usdRate, payCoin.decimals, 'up');
  const actuallyPaid =
    input.outcome === 'expired'
      ? '0'
      : input.outcome === 'partially_paid'
        ? multiplyDecimal(payAmount, PARTIAL_PAYMENT_SHARE, payCoin.decimals, 'down')
        : payAmount;
  const atFiat = (paid: string) =>
    divideDecimal(multiplyDecimal(paid, payCoin.usdRate, 8, 'down'), priceUsdRate, 2, 'down');
  const outcome = (paid: string) => {
    const gross = divideDecimal(multiplyDecimal(paid, payCoin.usdRate, 12, 'down'), outcomeCoin.usdRate, outcomeCoin.decimals, 'down');
    const grossUnits = decimalToUnits(gross, outcomeCoin.decimals);
    const feeUnits = (grossUnits * BigInt(input.feeBps) + 9_999n) / 10_000n; // fee rounds up, in NOWPayments' favour
    return { amount: unitsToDecimal(grossUnits - feeUnits, outcomeCoin.decimals), fee: unitsToDecimal(feeUnits, outcomeCoin.decimals) };
  };
  return { payAmount, actuallyPaid, atFiat, outcome };
};

export const planPayment = (input: PaymentPlanInput): PaymentPlan => {
  const { payAmount, actuallyPaid, atFiat, outcome } = amountsFor(input);
  const payAddress = input.payCoin.address(`${input.paymentId}`);
  const n = toExactJsonNumber;

  const body = (status: NowPaymentsPaymentStatus, updatedAt: string): Record<string, unknown> => {
    const paid = status === 'waiting' ? '0' : actuallyPaid;
    // Before any coin arrives NOWPayments quotes the outcome of the full amount due.
    const settled = outcome(paid === '0' ? payAmount : paid);
    return {
      payment_id: input.paymentId,
      parent_payment_id: null,
      invoice_id: Number(input.invoice.id),
      payment_status: status,
      pay_address: payAddress,
      payin_extra_id: null,
      price_amount: n(input.invoice.priceAmount),
      price_currency: input.invoice.priceCurrency,
      pay_amount: n(payAmount),
      actually_paid: n(paid),
      actually_paid_at_fiat: n(atFiat(paid)),
      pay_currency: input.payCoin.code,
      order_id: input.invoice.orderId,
      order_description: input.invoice.orderDescription,
      purchase_id: input.purchaseId,
      outcome_amount: n(settled.amount),
      outcome_currency: input.outcomeCoin.code,
      payment_extra_ids: null,
      ...(paid === '0'
        ? {}
        : { fee: { currency: input.outcomeCoin.code, depositFee: n(settled.fee), withdrawalFee: 0, serviceFee: 0 } }),
      created_at: input.createdAt,
      updated_at: updatedAt,
    };
  };

  const steps = STATUS_SEQUENCES[input.outcome].map((status) => ({
    status,
    payload: (updatedAt: string) => body(status, updatedAt),
  }));
  return { payAmount, actuallyPaid, payAddress, steps };
};
