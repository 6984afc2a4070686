import { html } from 'hono/html';
import { layout, publicLayout } from '../components/layout.ts';
import type { Markup } from '../markup.ts';
import type { Viewer } from '../viewer.ts';

/** `viewer` when someone is signed in keeps the navigation; without it the page is public. */
export type ErrorPageProps = { status: number; title: string; detail: string; viewer?: Viewer };

/** A failed request as a page: what happened, the HTTP status and the way back. */
export const errorPage = ({ status, title, detail, viewer }: ErrorPageProps): Markup => {
  const body = html`<h1>${title}</h1>
    <p>${detail}</p>
    <p class="muted">HTTP status ${status}</p>
    <p><a href="/dashboard">Back to the dashboard</a></p>`;
  return viewer ? layout({ title, viewer, body }) : publicLayout({ title, body });
};
