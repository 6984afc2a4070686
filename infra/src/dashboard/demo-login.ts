import { createSessionService } from '@paygate/commands';
import type { EventStore } from '@paygate/domain';
import { createDashboardLinks } from '../bot/dashboard-links.ts';
import type { PublicAddress } from '../runtime/public-address.ts';

/** The sandbox's first Telegram user: Olga in the README, the owner of the walkthrough's channel. */
export const SANDBOX_DEMO_OWNER_ID = '5000000001';
// Longer than the bot's 5 minutes (the domain allows 15): a newcomer reads the start log first.
const DEMO_LINK_TTL_SECONDS = 15 * 60;

/** A one-time dashboard login link for the sandbox's demo owner, printed by `npm start`. */
export const sandboxDemoLoginUrl = async (deps: { eventStore: EventStore; clock: () => Date; address: PublicAddress }, ownerId = SANDBOX_DEMO_OWNER_ID) => {
  const sessions = createSessionService({ eventStore: deps.eventStore, clock: deps.clock, loginLinkTtlSeconds: DEMO_LINK_TTL_SECONDS });
  return createDashboardLinks({ sessions, publicUrl: () => deps.address.publicUrl() }).issueDashboardLink(ownerId);
};
