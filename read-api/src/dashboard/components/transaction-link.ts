import { html } from 'hono/html';
import { explorerHref } from '../format/links.ts';
import type { Markup } from '../markup.ts';

/**
 * A transaction hash, linked to the block explorer when EXPLORER_TX_URL is set. The explorer is
 * another site: it gets no opener and no referrer (a dashboard URL can carry a cursor or filter).
 */
export const transactionLink = (hash: string, explorerTxUrl: string | undefined): Markup => {
  const href = explorerHref(explorerTxUrl, hash);
  return href === undefined
    ? html`<code class="hash long">${hash}</code>`
    : html`<a class="hash long" href="${href}" rel="noopener noreferrer" target="_blank">${hash}<span class="visually-hidden"> (opens the block explorer in a new tab)</span></a>`;
};
