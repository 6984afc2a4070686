import { html } from 'hono/html';
import { publicLayout } from '../components/layout.ts';
import type { Markup } from '../markup.ts';

export type LoginPageProps = { message?: string; botUsername?: string };

export type LoginLinkPageProps = { token: string; csrfToken: string };

// Telegram usernames: 5..32 letters, digits and underscores; anything else gets no link.
const BOT_USERNAME = /^[A-Za-z0-9_]{5,32}$/;

const botLink = (botUsername: string | undefined): Markup =>
  botUsername !== undefined && BOT_USERNAME.test(botUsername)
    ? html`<p><a class="button primary" href="https://t.me/${botUsername}" rel="noopener noreferrer">Open @${botUsername} in Telegram</a></p>`
    : html``;

/** How to log in: there is no password; the bot sends a one-time link to the owner's Telegram account. */
export const loginPage = ({ message, botUsername }: LoginPageProps = {}): Markup =>
  publicLayout({
    title: 'Log in',
    body: html`<div class="login"><div class="card">
      <h1>Log in to PayGate</h1>
      ${message ? html`<p class="notice" role="status">${message}</p>` : ''}
      <p>Send <code>/dashboard</code> to ${botUsername && BOT_USERNAME.test(botUsername) ? html`<strong>@${botUsername}</strong>` : 'the bot'} in Telegram to get a one-time login link.</p>
      ${botLink(botUsername)}
      <p class="muted">The link works once and only for a few minutes. Open it on the device you want to use the dashboard on.</p>
    </div></div>`,
  });

/**
 * What a one-time login link opens: a button that POSTs the token. A GET only shows this page, so
 * link previews and scanners that fetch the URL cannot spend the token.
 */
export const loginLinkPage = ({ token, csrfToken }: LoginLinkPageProps): Markup =>
  publicLayout({
    title: 'Log in',
    body: html`<div class="login"><div class="card">
      <h1>Log in to PayGate</h1>
      <p>Press the button to finish logging in. The link works once.</p>
      <form method="post" action="/dashboard/login">
        <input type="hidden" name="token" value="${token}">
        <input type="hidden" name="csrf" value="${csrfToken}">
        <button class="primary" type="submit">Log in</button>
      </form>
    </div></div>`,
  });
