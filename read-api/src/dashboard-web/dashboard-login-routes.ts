import type { Context, Hono } from 'hono';
import { isPayGateError, PayGateError } from '@paygate/domain';
import { clearSessionCookies, createDashboardLogin, csrfMatches, newCsrfToken, readSessionCookies, setLoginCsrfCookie, type DashboardAuth } from '../auth/index.ts';
import { loginLinkPage, loginPage } from '../dashboard/index.ts';
import { dashboardSession, LOGIN_PATH, startBrowserSession, type DashboardEnv } from './dashboard-session.ts';

/** The posted form; a body that is not a form is the client's error, not ours. */
const formOf = async (c: Context) => {
  try {
    return await c.req.parseBody();
  } catch {
    throw new PayGateError('validation', 'The request body is not a form.');
  }
};

const formField = (form: Record<string, string | File | (string | File)[]>, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' && value.length <= 512 ? value : undefined;
};

const badForm = () => new PayGateError('forbidden', 'The form expired or came from another page; open the login link again.');

/**
 * Login and logout in the browser. A one-time link opens a confirmation page and only its POST
 * redeems the link, so a link preview fetching the URL cannot spend it. Every POST carries the
 * double-submit CSRF token; hono's origin check runs before (see createDashboard).
 */
export const registerDashboardLoginRoutes = (app: Hono<DashboardEnv>, auth: DashboardAuth, botUsername: string | undefined) => {
  const login = createDashboardLogin(auth);
  const session = dashboardSession(auth, login.refresh);
  app.get(LOGIN_PATH, (c) => {
    const token = c.req.query('token');
    if (token === undefined || token.length > 512) return c.html(loginPage({ ...(botUsername ? { botUsername } : {}) }));
    // An open session's token is kept: its other tabs' forms carry it.
    const csrfToken = readSessionCookies(c).csrfToken ?? newCsrfToken();
    if (readSessionCookies(c).csrfToken === undefined) setLoginCsrfCookie(c, csrfToken);
    return c.html(loginLinkPage({ token, csrfToken }));
  });
  app.post(LOGIN_PATH, async (c) => {
    const form = await formOf(c);
    if (!csrfMatches(readSessionCookies(c).csrfToken, formField(form, 'csrf'))) throw badForm();
    const token = formField(form, 'token');
    if (token === undefined) throw new PayGateError('validation', 'The login link has no token.');
    const pair = await login.withLink(token).catch((error: unknown) => {
      if (isPayGateError(error) && error.kind === 'unauthorized') return undefined;
      throw error;
    });
    if (!pair) {
      const message = 'That login link has expired or was already used. Send /dashboard to the bot for a new one.';
      return c.html(loginPage({ message, ...(botUsername ? { botUsername } : {}) }), 401);
    }
    await startBrowserSession(auth, c, pair);
    return c.redirect('/dashboard', 303);
  });
  app.post('/dashboard/logout', session, async (c) => {
    if (!csrfMatches(c.get('csrfToken'), formField(await formOf(c), 'csrf'))) throw badForm();
    const refreshToken = readSessionCookies(c).refreshToken;
    if (refreshToken !== undefined) await auth.sessions.logout(refreshToken);
    clearSessionCookies(c);
    return c.redirect(LOGIN_PATH, 303);
  });
  app.post('/dashboard/logout-everywhere', session, async (c) => {
    if (!csrfMatches(c.get('csrfToken'), formField(await formOf(c), 'csrf'))) throw badForm();
    const { ownerId } = c.get('caller');
    if (ownerId !== undefined) await auth.sessions.logoutEverywhere(ownerId);
    clearSessionCookies(c);
    return c.redirect(LOGIN_PATH, 303);
  });
  return session;
};
