import type * as v from 'valibot';
import {
  listChannels,
  listPayments,
  listPayouts,
  listSubscribers,
  type ChannelSummaryView,
  type OwnerScope,
  type PaymentView,
  type PayoutView,
  type SubscriberView,
} from '@paygate/projections';
import { nextCursorOf } from './cursor.ts';
import type { PaymentListQuery } from './params.ts';
import type { PayoutListQuerySchema } from './payout-params.ts';
import type { ChannelListQuerySchema, SubscriberListQuerySchema } from './report-params.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

/** One page of a list and the cursor of the next (null on the last): what the API and the pages show. */
export type ListPage<Item> = { items: Item[]; nextCursor: string | null };

type Reading = ReadModelAccess & { scope: OwnerScope };
const when = <Key extends string, Value>(key: Key, value: Value | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<Key, Value>));

// The four scoped lists, each read once here for `/api/v1/…` and `/dashboard/…` alike.

export const readChannelPage = async ({ db, schema, scope }: Reading, query: v.InferOutput<typeof ChannelListQuerySchema>): Promise<ListPage<ChannelSummaryView>> => {
  const page = await readModel(() => listChannels(db, schema, { scope, limit: query.limit, ...when('after', query.cursor) }));
  return { items: page.items, nextCursor: nextCursorOf(page.next) };
};

export const readSubscriberPage = async ({ db, schema, scope }: Reading, query: v.InferOutput<typeof SubscriberListQuerySchema>): Promise<ListPage<SubscriberView>> => {
  const filter = { ...when('channelId', query.channel), ...when('status', query.status), ...when('after', query.cursor) };
  const page = await readModel(() => listSubscribers(db, schema, { scope, limit: query.limit, ...filter }));
  return { items: page.items, nextCursor: nextCursorOf(page.next) };
};

export const readPaymentPage = async ({ db, schema, scope }: Reading, query: PaymentListQuery): Promise<ListPage<PaymentView>> => {
  const filter = { ...when('invoiceId', query.invoice), ...when('channelId', query.channel), ...when('status', query.status), ...when('after', query.cursor) };
  const page = await readModel(() => listPayments(db, schema, { scope, limit: query.limit, ...filter }));
  return { items: page.items, nextCursor: nextCursorOf(page.next && { position: page.next.position, id: page.next.paymentId }) };
};

export const readPayoutPage = async ({ db, schema, scope }: Reading, query: v.InferOutput<typeof PayoutListQuerySchema>): Promise<ListPage<PayoutView>> => {
  const filter = { ...when('channelId', query.channel), ...when('ownerId', query.owner), ...when('status', query.status), ...when('after', query.cursor) };
  const page = await readModel(() => listPayouts(db, schema, { scope, limit: query.limit, ...filter }));
  return { items: page.items, nextCursor: nextCursorOf(page.next && { position: page.next.position, id: page.next.payoutId }) };
};
