import type { Decider } from '../decider/decider.ts';
import {
  decideJoinRequest,
  grantAccess,
  recordIntruderRemoved,
  recordInviteLinkSent,
  recordMemberJoined,
  requestInviteLink,
} from './access-decisions.ts';
import { recordExpiryNotice, recordExpiryReminder, revokeAccess } from './expiry-decisions.ts';
import { recordRefund } from './refund-decisions.ts';
import type { SubscriptionCommand } from './subscription-commands.ts';
import type { SubscriptionEvent } from './subscription-events.ts';
import { evolveSubscription, initialSubscriptionState, type SubscriptionState } from './subscription-state.ts';

/**
 * Stream `subscription-<channelId>-<subscriberId>`. Rules (docs/subscriptions.md): one grant per
 * paid invoice; a renewal extends from the current end; a link admits only its subscriber, once,
 * while the period runs; each reminder, removal and expiry notice at most once per period.
 * Commands that record Telegram effects already done return `[]` when there is nothing new. A
 * refunded invoice takes its days back, once, and is never granted afterwards (refund-decisions.ts).
 */
export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  initialState: initialSubscriptionState,
  evolve: evolveSubscription,
  decide(command, state) {
    switch (command.type) {
      case 'RequestInviteLink':
        return requestInviteLink(command, state);
      case 'GrantAccess':
        return grantAccess(command, state);
      case 'RecordInviteLinkSent':
        return recordInviteLinkSent(command, state);
      case 'DecideJoinRequest':
        return decideJoinRequest(command, state);
      case 'RecordMemberJoined':
        return recordMemberJoined(command, state);
      case 'RecordIntruderRemoved':
        return recordIntruderRemoved(command, state);
      case 'RecordExpiryReminder':
        return recordExpiryReminder(command, state);
      case 'RevokeAccess':
        return revokeAccess(command, state);
      case 'RecordExpiryNotice':
        return recordExpiryNotice(command, state);
      case 'RecordRefund':
        return recordRefund(command, state);
    }
  },
};
