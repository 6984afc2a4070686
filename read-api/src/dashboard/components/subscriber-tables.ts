import { html } from 'hono/html';
import { timeText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import type { SubscriberView } from '../view-types.ts';
import { dataTable } from './data-table.ts';
import { statusBadge } from './status-badge.ts';

const tierCell = (subscriber: SubscriberView): Markup =>
  subscriber.tierName === null ? html`<span class="hash">${subscriber.tierId}</span>` : html`${subscriber.tierName}`;

/** Subscriptions with their whole period. */
export const subscribersTable = ({ caption, subscribers }: { caption: string; subscribers: readonly SubscriberView[] }): Markup =>
  dataTable({
    caption,
    headings: ['Channel', 'Subscriber', 'Tier', 'Status', 'Started', 'Ends', 'Joined'],
    rows: subscribers.map(
      (subscriber) => html`<tr>
        <th scope="row">${subscriber.channelTitle}</th>
        <td class="hash">${subscriber.subscriberId}</td>
        <td>${tierCell(subscriber)}</td>
        <td>${statusBadge(subscriber.status)}</td>
        <td>${timeText(subscriber.startsAt)}</td>
        <td>${timeText(subscriber.endsAt)}</td>
        <td>${timeText(subscriber.joinedAt)}</td>
      </tr>`,
    ),
    empty: 'No subscribers.',
  });

/** Active subscriptions ending soon, soonest first as the caller passes them. */
export const renewalsTable = ({ caption, subscribers }: { caption: string; subscribers: readonly SubscriberView[] }): Markup =>
  dataTable({
    caption,
    headings: ['Ends', 'Channel', 'Subscriber', 'Tier'],
    rows: subscribers.map(
      (subscriber) => html`<tr>
        <th scope="row">${timeText(subscriber.endsAt)}</th>
        <td>${subscriber.channelTitle}</td>
        <td class="hash">${subscriber.subscriberId}</td>
        <td>${tierCell(subscriber)}</td>
      </tr>`,
    ),
    empty: 'No renewals due.',
  });
