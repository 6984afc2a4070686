// The entries one event makes: its lines (movement, account, amount) with the links they share.
import type { MoneyJson, RecordedEvent } from '@paygate/domain';
import type { ExportAccount, LedgerEntry, Movement, Units } from './ledger-entry.ts';

/** What a split and its reversal both say (the reversal is the split's own amounts, positive). */
export type SplitAmounts = { paymentId: string; invoiceId: string; channelId: string; ownerId?: string; gross: MoneyJson; fee: MoneyJson; ownerShare: MoneyJson };

export const units = (money: MoneyJson): Units => ({ amount: BigInt(money.amount), currency: money.currency, decimals: money.decimals });

export type Line = { movement: Movement; account: ExportAccount; money: Units; sign?: -1n };
export type Links = Pick<LedgerEntry, 'ownerId' | 'channelId' | 'paymentIds'> & Partial<Pick<LedgerEntry, 'invoiceId' | 'paymentEventId' | 'payoutId' | 'txHash' | 'payoutHash' | 'exchangeId' | 'delivered'>>;

/** The entries of one event: its lines with the links they share; entry ids number them from 0. */
export const entries = (event: RecordedEvent, links: Links, lines: readonly Line[], first = 0): LedgerEntry[] =>
  lines.map(({ movement, account, money, sign = 1n }, index) => ({
    entryId: `${event.id}/${first + index}`,
    recordedAt: event.recordedAt,
    position: event.position,
    streamId: event.streamId,
    eventId: event.id,
    eventType: event.type,
    movement,
    account,
    amount: sign * money.amount,
    currency: money.currency,
    decimals: money.decimals,
    invoiceId: null,
    paymentEventId: null,
    payoutId: null,
    txHash: null,
    payoutHash: null,
    exchangeId: null,
    delivered: null,
    ...links,
  }));
