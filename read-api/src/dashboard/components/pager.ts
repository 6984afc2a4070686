import { html } from 'hono/html';
import { hrefWith } from '../format/links.ts';
import type { Markup } from '../markup.ts';

/**
 * "Next page" as a link that carries the opaque cursor and the filters in force (pages are keyset
 * pages: a cursor, never an offset); nothing on the last page.
 */
export const nextPageLink = (path: string, filter: Record<string, string | undefined>, nextCursor: string | null | undefined): Markup =>
  nextCursor
    ? html`<nav class="pager" aria-label="Pagination"><a class="button" rel="next" href="${hrefWith(path, { ...filter, cursor: nextCursor })}">Next page</a></nav>`
    : html``;
