import { html } from 'hono/html';
import type { TierView } from '@paygate/projections';
import { dataTable } from '../components/data-table.ts';
import { layout } from '../components/layout.ts';
import { nextPageLink } from '../components/pager.ts';
import { statusBadge } from '../components/status-badge.ts';
import { moneyText } from '../format/money-text.ts';
import { timeText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import type { ChannelSummaryView } from '../view-types.ts';
import type { Viewer } from '../viewer.ts';

export type ChannelsPageProps = { viewer: Viewer; channels: readonly ChannelSummaryView[]; nextCursor?: string | null };

const tierRow = (tier: TierView): Markup => html`<tr>
  <th scope="row">${tier.name} <span class="muted hash">(${tier.tierId})</span></th>
  <td class="num">${moneyText(tier.price)}</td>
  <td class="num">${tier.durationDays} day${tier.durationDays === 1 ? '' : 's'}</td>
  <td>${tier.retired ? html`<span class="badge badge-neutral">retired</span> ${timeText(tier.retiredAt)}` : statusBadge('active')}</td>
  <td>${timeText(tier.pricedAt)}</td>
</tr>`;

const payoutsFact = (channel: ChannelSummaryView): Markup =>
  channel.payoutsHeld
    ? html`<span class="badge badge-warn">held</span> since ${timeText(channel.payoutsHeld.heldAt)}: ${channel.payoutsHeld.reason}`
    : html`<span class="badge badge-ok">flowing</span>`;

const channelCard = (channel: ChannelSummaryView, index: number, viewer: Viewer): Markup => {
  const headingId = `channel-${index + 1}`;
  return html`<article class="card" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${channel.title}</h2>
    <dl class="facts">
      <dt>Subscribers</dt><dd><strong>${channel.activeSubscribers}</strong> active of ${channel.subscribers}</dd>
      <dt>Channel</dt><dd class="hash">${channel.channelId}</dd>
      <dt>Telegram chat</dt><dd class="hash">${channel.chatId}</dd>
      ${viewer.role === 'owner' ? '' : html`<dt>Owner</dt><dd class="hash">${channel.ownerId}</dd>`}
      <dt>Registered</dt><dd>${timeText(channel.registeredAt)}</dd>
      <dt>Payouts</dt><dd>${payoutsFact(channel)}</dd>
    </dl>
    ${dataTable({
      caption: `Tiers of ${channel.title}`,
      headings: ['Tier', { label: 'Price', numeric: true }, { label: 'Duration', numeric: true }, 'Status', 'Priced'],
      rows: channel.tiers.map(tierRow),
      empty: 'No tiers priced yet.',
    })}
  </article>`;
};

/** The viewer's channels with their tiers (retired ones marked) and subscriber counts. */
export const channelsPage = ({ viewer, channels, nextCursor }: ChannelsPageProps): Markup =>
  layout({
    title: 'Channels',
    viewer,
    active: 'channels',
    body: html`<h1>Channels</h1>
      ${channels.length === 0 ? html`<p class="empty">No channels registered yet.</p>` : html`<div class="cards">${channels.map((channel, index) => channelCard(channel, index, viewer))}</div>`}
      ${nextPageLink('/dashboard/channels', {}, nextCursor)}`,
  });
