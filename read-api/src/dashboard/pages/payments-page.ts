import { html } from 'hono/html';
import { PAYMENT_STATUSES } from '@paygate/domain';
import type { PaymentView } from '@paygate/projections';
import { filterForm } from '../components/filter-form.ts';
import { layout } from '../components/layout.ts';
import { nextPageLink } from '../components/pager.ts';
import { paymentsTable } from '../components/payments-table.ts';
import type { Markup } from '../markup.ts';
import type { Viewer } from '../viewer.ts';

/** The API's payment list filters, by the same query names. */
export type PaymentsFilter = { channel?: string; invoice?: string; status?: string };

export type PaymentsPageProps = { viewer: Viewer; items: readonly PaymentView[]; nextCursor?: string | null; filter: PaymentsFilter };

const PATH = '/dashboard/payments';

/** Payments, newest change first; auditors and admins get a link from each to its event trail. */
export const paymentsPage = ({ viewer, items, nextCursor, filter }: PaymentsPageProps): Markup =>
  layout({
    title: 'Payments',
    viewer,
    active: 'payments',
    body: html`<h1>Payments</h1>
      ${filterForm({
        action: PATH,
        label: 'Filter payments',
        fields: [
          { kind: 'text', name: 'channel', label: 'Channel id', value: filter.channel },
          { kind: 'text', name: 'invoice', label: 'Invoice id', value: filter.invoice },
          { kind: 'select', name: 'status', label: 'Status', value: filter.status, options: PAYMENT_STATUSES, anyLabel: 'Any status' },
        ],
      })}
      ${paymentsTable({ caption: 'Payments, newest change first', payments: items, viewer })}
      ${nextPageLink(PATH, { channel: filter.channel, invoice: filter.invoice, status: filter.status }, nextCursor)}`,
  });
