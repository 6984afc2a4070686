import { PayGateError } from '../errors/index.ts';
import type { InvoiceSnapshot } from '../invoice/invoice-state.ts';
import { formatDecimal, moneyToDecimal, moneyToJson, parseMoney, type Money, type Rounding } from '../money/index.ts';
import type { NormalizedNotice } from './payment-notice.ts';

/**
 * NOWPayments reports crypto amounts with more digits than some chains can move (the documented
 * example pays out 1131.7812095 TRX; TRX has 6 decimals). Those digits are not money that can
 * arrive, so amounts the provider reports are truncated to the smallest on-chain unit. Prices are
 * never rounded; PaymentStatusRecorded keeps the reported text digit for digit.
 */
export const PROVIDER_AMOUNT_ROUNDING: Rounding = 'truncate';

/** NOWPayments' price_amount/price_currency are exactly the invoice's price (trailing zeros aside). */
export const priceMatches = (notice: NormalizedNotice, invoice: InvoiceSnapshot): boolean =>
  notice.priceCurrency === invoice.price.currency && notice.priceAmount === formatDecimal(moneyToDecimal(invoice.price));

/** actuallyPaid and outcome as Money; an unknown currency or a missing outcome is PayGateError('validation'). */
export const receivedMoney = (notice: NormalizedNotice): { actuallyPaid: Money; outcome: Money } => {
  if (notice.outcomeAmount === undefined || notice.outcomeCurrency === undefined) {
    throw new PayGateError('validation', `finished payment ${notice.paymentId} has no outcome amount`, { paymentId: notice.paymentId });
  }
  const rounding = PROVIDER_AMOUNT_ROUNDING;
  return {
    actuallyPaid: parseMoney(notice.actuallyPaid, notice.payCurrency, { rounding }),
    outcome: parseMoney(notice.outcomeAmount, notice.outcomeCurrency, { rounding }),
  };
};

/** receivedMoney as it goes into events. */
export const receivedAmounts = (notice: NormalizedNotice) => {
  const { actuallyPaid, outcome } = receivedMoney(notice);
  return { actuallyPaid: moneyToJson(actuallyPaid), outcome: moneyToJson(outcome) };
};
