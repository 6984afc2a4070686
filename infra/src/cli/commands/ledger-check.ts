import { comparePositions, formatMoney, type EventStore, type GlobalPosition } from '@paygate/domain';
import {
  balancesProjection,
  checkLedger,
  createLedgerFold,
  DEFAULT_READ_MODEL_SCHEMA,
  listChannelBalances,
  readCheckpoint,
  type AnyKysely,
  type ChannelBalanceView,
  type Ledger,
  type LedgerConversion,
  type LedgerDiscrepancy,
  type OwnerLedger,
} from '@paygate/projections';
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeJson } from '../output.ts';

const PAGE = 5_000;

const units = (amount: bigint, decimals: number) => formatMoney({ amount, currency: '', decimals });
const positionText = (position: GlobalPosition | undefined) => (position ? `${position.commit}/${position.prepare}` : 'start');

/**
 * The owner_balances rows and the position they reflect, read in one repeatable-read snapshot:
 * the projector writes rows and checkpoint in one transaction, so the two agree even while it runs.
 */
const readBalances = (db: AnyKysely): Promise<{ position: GlobalPosition | undefined; rows: ChannelBalanceView[] }> =>
  db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const checkpoint = await readCheckpoint(trx, DEFAULT_READ_MODEL_SCHEMA, balancesProjection.name);
      return { position: checkpoint?.position, rows: await listChannelBalances(trx, DEFAULT_READ_MODEL_SCHEMA) };
    });

export type LedgerCheck = {
  /** The whole log's ledger: its identity is checked to the log's head. */
  ledger: Ledger;
  head: GlobalPosition | undefined;
  /** Where the read model was compared: its checkpoint, with the ledger folded to exactly there. */
  readModelPosition: GlobalPosition | undefined;
  discrepancies: LedgerDiscrepancy[];
};

/**
 * Folds every event of `$all`, page by page. The read model is compared with the ledger taken at
 * the read model's own checkpoint, not at the head: the projector may lag (or not run), and
 * waiting for it would hang the check. The identity and the events are checked over the whole log.
 */
export const runLedgerCheck = async (db: AnyKysely, eventStore: EventStore): Promise<LedgerCheck> => {
  const balances = await readBalances(db);
  const fold = createLedgerFold();
  let atReadModel: Ledger | undefined = balances.position === undefined ? fold.ledger() : undefined;
  let head: GlobalPosition | undefined;
  for (;;) {
    const page = await eventStore.readAll({ ...(head ? { after: head } : {}), maxCount: PAGE });
    for (const event of page) {
      if (!atReadModel && comparePositions(event.position, balances.position!) > 0) atReadModel = fold.ledger();
      fold.add(event);
      head = event.position;
    }
    if (page.length < PAGE) break;
  }
  const ledger = fold.ledger();
  const discrepancies = [...checkLedger(ledger), ...checkLedger(atReadModel ?? ledger, balances.rows).filter((found) => found.kind === 'read-model')];
  return { ledger, head, readModelPosition: balances.position, discrepancies };
};

const describeDiscrepancy = (found: LedgerDiscrepancy): string => {
  if (found.kind === 'event') return `event ${found.eventId} (${found.type}, stream ${found.streamId}): ${found.reason}`;
  const who = `owner ${found.ownerId ?? '-'} ${found.currency} (channel ${found.channelId})`;
  if (found.kind === 'identity') {
    const converted = found.convertedIn !== 0n || found.convertedOut !== 0n;
    const identity = converted ? 'received + converted in - fees - converted out - paid out - pending' : 'received - fees - paid out - pending';
    return `${who}: ${identity} = ${units(found.difference, found.decimals)}, not 0`;
  }
  return `${who}: read model ${found.field} ${units(found.readModel, found.decimals)}, ledger ${units(found.ledger, found.decimals)} (difference ${units(found.difference, found.decimals)})`;
};

/** A conversion as the report shows it: what left, what came back, and how much of that is allocated so far. */
const conversionJson = (conversion: LedgerConversion) => ({
  conversionId: conversion.conversionId,
  amount: { amount: units(conversion.amount, conversion.decimals), currency: conversion.currency },
  received: conversion.received === null ? null : { amount: units(conversion.received, conversion.toDecimals ?? 0), currency: conversion.toCurrency },
  allocated: conversion.received === null ? null : { amount: units(conversion.allocated, conversion.toDecimals ?? 0), currency: conversion.toCurrency },
  channels: conversion.channels,
  allocations: conversion.allocations,
});

const reportJson = ({ ledger, head, readModelPosition, discrepancies }: LedgerCheck) => ({
  balanced: discrepancies.length === 0,
  events: ledger.events,
  head: head ?? null,
  readModelPosition: readModelPosition ?? null,
  owners: ledger.owners.map(({ ownerId, currency, decimals, received, fees, paidOut, convertedIn, convertedOut, pending, inPayout, channels }) => ({
    ownerId,
    currency,
    channels,
    received: units(received, decimals),
    convertedIn: units(convertedIn, decimals),
    fees: units(fees, decimals),
    convertedOut: units(convertedOut, decimals),
    paidOut: units(paidOut, decimals),
    pending: units(pending, decimals),
    inPayout: units(inPayout, decimals),
  })),
  conversions: ledger.conversions.map(conversionJson),
  discrepancies: discrepancies.map((found) => ({ ...found, message: describeDiscrepancy(found) })),
});

type OwnerJson = ReturnType<typeof reportJson>['owners'][number];

/** Converted in/out only where a conversion moved something (most owners never convert). */
const ownerLine = (owner: OwnerJson, ledger: OwnerLedger): string => {
  const converted = [
    ...(ledger.convertedIn === 0n ? [] : [`  converted in ${owner.convertedIn}`]),
    ...(ledger.convertedOut === 0n ? [] : [`  converted out ${owner.convertedOut}`]),
  ].join('');
  return `owner ${owner.ownerId ?? '-'}  ${owner.currency}  received ${owner.received}${converted}  fees ${owner.fees}  paid out ${owner.paidOut}  pending ${owner.pending} (in payout ${owner.inPayout})`;
};

/** A sent conversion whose output is not all allocated yet (the allocator is on its way); any other is not worth a line. */
const conversionLine = (conversion: LedgerConversion): string | undefined => {
  if (conversion.received === null || conversion.allocated === conversion.received) return undefined;
  const decimals = conversion.toDecimals ?? 0;
  return `conversion ${conversion.conversionId}  ${units(conversion.amount, conversion.decimals)} ${conversion.currency} -> ${units(conversion.received, decimals)} ${conversion.toCurrency}: allocated ${units(conversion.allocated, decimals)} to ${conversion.allocations} of ${conversion.channels} channels so far`;
};

export const ledgerCheckCommand: Command = {
  name: 'ledger check',
  summary: 'Check the books: received + converted in = fees + converted out + paid out + pending, per owner and currency, and the owner_balances read model with them',
  description: [
    'Folds every event in the log, independently of the read models: a share is pending until a payout carrying its payment is sent',
    '(or, pooled in a coin that is no stable coin, until a conversion takes it: converted out); a conversion\'s allocation to a channel',
    '(converted in, checked against the allocation rule) is pending until an owner payout carrying its payments is sent. So every',
    'PayoutSent and ConversionStarted amount is checked against the shares it took. The owner_balances read model is compared at its own',
    'checkpoint (read with its rows in one snapshot), so a projector that lags behind is not a discrepancy.',
    'Exit 0 when everything balances to the unit; 1 naming each owner, currency and difference otherwise.',
  ].join('\n'),
  json: true,
  examples: ['paygate ledger check', 'paygate ledger check --json'],
  async run(context) {
    const check = await withCommandPlatform(context.io.env, ({ platform, paygate }) => runLedgerCheck(paygate.readModels, platform.eventStore));
    const report = reportJson(check);
    if (context.json) writeJson(context, report);
    else {
      const lines = report.owners.map((owner, index) => ownerLine(owner, check.ledger.owners[index]!));
      lines.push(...check.ledger.conversions.flatMap((conversion) => conversionLine(conversion) ?? []));
      lines.push(
        `${check.ledger.events} ledger events to ${positionText(check.head)}; owner_balances compared at its checkpoint ${positionText(check.readModelPosition)}`,
        ...report.discrepancies.map((found) => `DISCREPANCY ${found.message}`),
        report.balanced ? 'ledger balanced' : `ledger does not balance: ${report.discrepancies.length} discrepancies`,
      );
      context.io.stdout(`${lines.join('\n')}\n`);
    }
    if (report.balanced) return EXIT_OK;
    context.io.stderr(`error: ledger does not balance: ${report.discrepancies.map(describeDiscrepancy).join('; ')}\n`);
    return EXIT_FAILURE;
  },
};
