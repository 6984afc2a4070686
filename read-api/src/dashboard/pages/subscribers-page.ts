import { html } from 'hono/html';
import { filterForm } from '../components/filter-form.ts';
import { layout } from '../components/layout.ts';
import { nextPageLink } from '../components/pager.ts';
import { subscribersTable } from '../components/subscriber-tables.ts';
import type { Markup } from '../markup.ts';
import type { SubscriberView } from '../view-types.ts';
import type { Viewer } from '../viewer.ts';

export type SubscribersFilter = { channel?: string; status?: 'active' | 'expired' };

export type SubscribersPageProps = { viewer: Viewer; items: readonly SubscriberView[]; nextCursor?: string | null; filter: SubscribersFilter };

const PATH = '/dashboard/subscribers';

/** Subscribers of the viewer's channels, filtered by channel and status, a keyset page at a time. */
export const subscribersPage = ({ viewer, items, nextCursor, filter }: SubscribersPageProps): Markup =>
  layout({
    title: 'Subscribers',
    viewer,
    active: 'subscribers',
    body: html`<h1>Subscribers</h1>
      ${filterForm({
        action: PATH,
        label: 'Filter subscribers',
        fields: [
          { kind: 'text', name: 'channel', label: 'Channel id', value: filter.channel },
          { kind: 'select', name: 'status', label: 'Status', value: filter.status, options: ['active', 'expired'], anyLabel: 'Any status' },
        ],
      })}
      ${subscribersTable({ caption: 'Subscribers, most recently changed first', subscribers: items })}
      ${nextPageLink(PATH, { channel: filter.channel, status: filter.status }, nextCursor)}`,
  });
