import type { DashboardLinkPort } from '@paygate/bot';
import type { SessionService } from '@paygate/commands';
// The dashboard's login page, which redeems the link's token.
import { DASHBOARD_LOGIN_PATH } from '@paygate/read-api';

export type DashboardLinksDeps = {
  sessions: Pick<SessionService, 'issueLoginLink'>;
  /** PayGate's public base URL without a trailing slash, read per link (the api may learn its port late). */
  publicUrl: () => string;
};

/** The bot's `/dashboard`: a LoginLinkIssued for the Telegram user, as a link to the dashboard's login page. */
export const createDashboardLinks = ({ sessions, publicUrl }: DashboardLinksDeps): DashboardLinkPort => ({
  async issueDashboardLink(ownerId) {
    const { token, expiresAt } = await sessions.issueLoginLink({ ownerId });
    const url = new URL(`${publicUrl().replace(/\/+$/, '')}${DASHBOARD_LOGIN_PATH}`);
    url.searchParams.set('token', token);
    return { url: url.toString(), expiresAt };
  },
});
