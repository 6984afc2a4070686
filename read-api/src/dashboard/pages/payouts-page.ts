import { html } from 'hono/html';
import { PAYOUT_STATUSES, type PayoutView } from '@paygate/projections';
import { filterForm } from '../components/filter-form.ts';
import { dataTable } from '../components/data-table.ts';
import { layout } from '../components/layout.ts';
import { nextPageLink } from '../components/pager.ts';
import { statusBadge } from '../components/status-badge.ts';
import { transactionLink } from '../components/transaction-link.ts';
import { moneyText, optionalMoneyText } from '../format/money-text.ts';
import { timeText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import type { Viewer } from '../viewer.ts';

/** The API's payout list filters, by the same query names. */
export type PayoutsFilter = { channel?: string; status?: string };

export type PayoutsPageProps = {
  viewer: Viewer;
  items: readonly PayoutView[];
  nextCursor?: string | null;
  filter?: PayoutsFilter;
  /** EXPLORER_TX_URL: an http(s) URL with `{hash}`; unset, hashes are shown without links. */
  explorerTxUrl?: string;
};

const PATH = '/dashboard/payouts';

// Every signed candidate, oldest first; the executed one says so (it is one of them, or listed
// after them when no candidate was recorded), then the payout's own hash when it has one.
const transactions = (payout: PayoutView, explorerTxUrl: string | undefined): Markup => {
  const executed = payout.executed;
  const executedNote = executed ? `executed in block ${executed.blockNumber}` : '';
  const hashes = [
    ...payout.transfers.map((transfer) => ({
      hash: transfer.hash,
      note: [`nonce ${transfer.nonce}`, transfer.replaces ? 'fee bump' : '', transfer.hash === executed?.txHash ? executedNote : '', transfer.hash === payout.payoutHash ? 'payout' : '']
        .filter(Boolean)
        .join(', '),
    })),
    ...(executed && !payout.transfers.some((transfer) => transfer.hash === executed.txHash) ? [{ hash: executed.txHash, note: executedNote }] : []),
    // A direct payout's transfer is its payout hash: listed once, with both notes.
    ...(payout.payoutHash && payout.payoutHash !== executed?.txHash && !payout.transfers.some((transfer) => transfer.hash === payout.payoutHash)
      ? [{ hash: payout.payoutHash, note: 'payout' }]
      : []),
  ];
  if (hashes.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="plain">${hashes.map((entry) => html`<li>${transactionLink(entry.hash, explorerTxUrl)} <span class="muted">(${entry.note})</span></li>`)}</ul>`;
};

const row = (payout: PayoutView, explorerTxUrl: string | undefined): Markup => html`<tr>
  <th scope="row"><span class="hash">${payout.payoutId}</span>${payout.purpose ? html` <span class="badge badge-neutral">${payout.purpose}</span>` : ''}</th>
  <td class="hash">${payout.channelId}</td>
  <td class="num">${moneyText(payout.amount)}</td>
  <td>${statusBadge(payout.status)}${payout.statusReason ? html`<br><span class="muted">${payout.statusReason}</span>` : ''}</td>
  <td>${payout.wallet ? html`<span class="hash long">${payout.wallet.address}</span><br><span class="muted">${payout.wallet.currency} on ${payout.wallet.network}</span>` : html`<span class="muted">—</span>`}</td>
  <td>${transactions(payout, explorerTxUrl)}</td>
  <td class="num">${optionalMoneyText(payout.received)}</td>
  <td>${timeText(payout.startedAt)}</td>
  <td>${timeText(payout.sentAt)}</td>
</tr>`;

/** Payouts, newest change first, with every transaction hash (linked to the explorer when configured). */
export const payoutsPage = ({ viewer, items, nextCursor, filter = {}, explorerTxUrl }: PayoutsPageProps): Markup =>
  layout({
    title: 'Payouts',
    viewer,
    active: 'payouts',
    body: html`<h1>Payouts</h1>
      ${filterForm({
        action: PATH,
        label: 'Filter payouts',
        fields: [
          { kind: 'text', name: 'channel', label: 'Channel id', value: filter.channel },
          { kind: 'select', name: 'status', label: 'Status', value: filter.status, options: PAYOUT_STATUSES, anyLabel: 'Any status' },
        ],
      })}
      ${dataTable({
        caption: 'Payouts, newest change first',
        headings: ['Payout', 'Channel', { label: 'Amount', numeric: true }, 'Status', 'Wallet', 'Transactions', { label: 'Received', numeric: true }, 'Started', 'Sent'],
        rows: items.map((payout) => row(payout, explorerTxUrl)),
        empty: 'No payouts yet.',
      })}
      ${nextPageLink(PATH, { channel: filter.channel, status: filter.status }, nextCursor)}`,
  });
