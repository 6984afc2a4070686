import { html } from 'hono/html';
import type { Markup } from '../markup.ts';

/** A column heading; numeric columns are right-aligned. */
export type Heading = string | { label: string; numeric: true };

export type DataTableProps = { caption: string; headings: readonly Heading[]; rows: readonly Markup[]; empty: string };

const headingCell = (heading: Heading): Markup =>
  typeof heading === 'string' ? html`<th scope="col">${heading}</th>` : html`<th scope="col" class="num">${heading.label}</th>`;

/**
 * A captioned table with column headings in a scroll box (focusable, so a keyboard can scroll it on
 * a narrow screen); a sentence in place of the rows when there are none.
 */
export const dataTable = ({ caption, headings, rows, empty }: DataTableProps): Markup =>
  html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
    <table>
      <caption>${caption}</caption>
      <thead><tr>${headings.map(headingCell)}</tr></thead>
      <tbody>${rows.length > 0 ? rows : html`<tr><td class="empty" colspan="${headings.length}">${empty}</td></tr>`}</tbody>
    </table>
  </div>`;
