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
  type LedgerDiscrepancy,
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
  if (found.kind === 'identity') return `${who}: received - fees - paid out - pending = ${units(found.difference, found.decimals)}, not 0`;
  return `${who}: read model ${found.field} ${units(found.readModel, found.decimals)}, ledger ${units(found.ledger, found.decimals)} (difference ${units(found.difference, found.decimals)})`;
};

const reportJson = ({ ledger, head, readModelPosition, discrepancies }: LedgerCheck) => ({
  balanced: discrepancies.length === 0,
  events: ledger.events,
  head: head ?? null,
  readModelPosition: readModelPosition ?? null,
  owners: ledger.owners.map(({ ownerId, currency, decimals, received, fees, paidOut, pending, inPayout, channels }) => ({
    ownerId,
    currency,
    channels,
    received: units(received, decimals),
    fees: units(fees, decimals),
    paidOut: units(paidOut, decimals),
    pending: units(pending, decimals),
    inPayout: units(inPayout, decimals),
  })),
  discrepancies: discrepancies.map((found) => ({ ...found, message: describeDiscrepancy(found) })),
});

export const ledgerCheckCommand: Command = {
  name: 'ledger check',
  summary: 'Check the books: received = fees + paid out + pending, per owner and currency, and the owner_balances read model with them',
  description: [
    'Folds every event in the log, independently of the read models: a share is pending until a payout carrying its payment is sent,',
    'so every PayoutSent amount is checked against the shares it paid. The owner_balances read model is compared at its own',
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
      const lines = report.owners.map(
        (owner) => `owner ${owner.ownerId ?? '-'}  ${owner.currency}  received ${owner.received}  fees ${owner.fees}  paid out ${owner.paidOut}  pending ${owner.pending} (in payout ${owner.inPayout})`,
      );
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
