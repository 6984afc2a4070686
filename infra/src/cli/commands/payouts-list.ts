import * as v from 'valibot';
import { formatMoney, PayGateError, TelegramUserIdSchema } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listPayouts, MAX_PAYOUT_PAGE_SIZE, PAYOUT_STATUSES, type AnyKysely, type PayoutFilter, type PayoutPageKey, type PayoutStatus, type PayoutView } from '@paygate/projections';
import { EXIT_OK, type Command, type OptionValues } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { optionalIdOption } from '../typed-options.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'payouts list';

/** A payout for the CLI: money as decimal text with its currency, as the other commands print it. */
export const payoutJson = (payout: PayoutView) => {
  const { updatedPosition: _position, amount, received, ...rest } = payout;
  return {
    ...rest,
    amount: { amount: formatMoney(amount), currency: amount.currency },
    received: received && { amount: formatMoney(received), currency: received.currency },
  };
};
export type PayoutJson = ReturnType<typeof payoutJson>;

const filterOf = (values: OptionValues): PayoutFilter => {
  const status = optionalOption(values, 'status');
  if (status !== undefined && !(PAYOUT_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${PAYOUT_STATUSES.join(', ')} (got ${JSON.stringify(status)})`, NAME);
  const owner = optionalOption(values, 'owner');
  if (owner !== undefined && !v.is(TelegramUserIdSchema, owner)) throw new UsageError('--owner must be a Telegram user id, a positive whole number like 5000000001', NAME);
  const channelId = optionalIdOption(values, 'channel', NAME);
  return { ...(channelId === undefined ? {} : { channelId }), ...(owner === undefined ? {} : { ownerId: owner }), ...(status === undefined ? {} : { status: status as PayoutStatus }) };
};

/** Every payout the filter matches, newest change first (all pages of the read model). */
export const listAllPayouts = async (db: AnyKysely, filter: PayoutFilter): Promise<PayoutView[]> => {
  const payouts: PayoutView[] = [];
  let after: PayoutPageKey | undefined;
  do {
    const page = await listPayouts(db, DEFAULT_READ_MODEL_SCHEMA, { ...filter, limit: MAX_PAYOUT_PAGE_SIZE, ...(after ? { after } : {}) });
    payouts.push(...page.items);
    after = page.next;
  } while (after);
  return payouts;
};

const WAIT_SECONDS = 120;

/** The matching payouts once there is one and none is running; an error after WAIT_SECONDS. */
const settledPayouts = async (db: AnyKysely, filter: PayoutFilter): Promise<PayoutView[]> => {
  const deadline = Date.now() + WAIT_SECONDS * 1_000;
  for (;;) {
    const payouts = await listAllPayouts(db, filter);
    if (payouts.length > 0 && payouts.every((payout) => payout.status !== 'running')) return payouts;
    if (Date.now() > deadline) throw new PayGateError('unavailable', `no settled payout after ${WAIT_SECONDS} s (${payouts.length} matching, still running)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

const describePayout = (payout: PayoutView): string =>
  [
    `payout ${payout.payoutId}  ${payout.status}${payout.statusReason ? ` (${payout.statusReason})` : ''}  ${formatMoney(payout.amount)} ${payout.amount.currency}`,
    `  channel ${payout.channelId}  ${payout.purpose === 'conversion' ? 'conversion into the host wallet' : `owner ${payout.ownerId ?? '-'}`}  route ${payout.route ?? '-'}  payments ${payout.paymentIds.join(', ')}`,
    `  started ${payout.startedAt}  updated ${payout.updatedAt}${payout.received ? `  received ${formatMoney(payout.received)} ${payout.received.currency}` : ''}${payout.payoutHash ? `  tx ${payout.payoutHash}` : ''}`,
  ].join('\n');

export const payoutsListCommand: Command = {
  name: NAME,
  summary: 'List payouts to owners, newest change first (from the payouts read model)',
  description: 'As far as the projector has caught up; `paygate payouts show <id>` reads a payout from its event stream.',
  options: {
    channel: { type: 'string', valueName: 'id', description: 'Only this channel' },
    owner: { type: 'string', valueName: 'id', description: "Only this owner's (Telegram user id)" },
    status: { type: 'string', valueName: 'status', description: `Only this status: ${PAYOUT_STATUSES.join(', ')}` },
    wait: { type: 'boolean', description: `Wait (up to ${WAIT_SECONDS} s) until a payout matches and none of those matching is still running` },
  },
  json: true,
  examples: ['paygate payouts list', 'paygate payouts list --status failed', 'paygate payouts list --channel ch_0123 --json'],
  async run(context) {
    const filter = filterOf(context.values);
    await withCommandPlatform(context.io.env, async ({ paygate }) => {
      const payouts = context.values.wait === true ? await settledPayouts(paygate.readModels, filter) : await listAllPayouts(paygate.readModels, filter);
      writeResult(context, payouts.length === 0 ? 'no payouts' : payouts.map(describePayout).join('\n\n'), payouts.map(payoutJson));
    });
    return EXIT_OK;
  },
};
