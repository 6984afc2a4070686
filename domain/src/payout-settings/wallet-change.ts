import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { assertPayoutAddress } from './evm-address.ts';
import { assertPayoutCurrency, type PayoutNetwork } from './payout-networks.ts';
import { MAX_WALLET_HOLD_SECONDS, type CancelPayoutWalletChange, type SetPayoutWallet } from './payout-settings-commands.ts';
import {
  PayoutWalletChangeCancelledSchema,
  PayoutWalletChangeRequestedSchema,
  PayoutWalletSetSchema,
  type PayoutSettingsEvent,
  type WalletChangeCancelReason,
} from './payout-settings-events.ts';
import { settlePayoutSettings, type PayoutSettingsState, type PayoutWallet } from './payout-settings-state.ts';

const sameWallet = (a: PayoutWallet, b: PayoutWallet) => a.address === b.address && a.network === b.network && a.currency === b.currency;

const cancelled = (channelId: string, ownerId: string, changeNumber: number, reason: WalletChangeCancelReason, cancelledAt: string) =>
  parseWithSchema(
    PayoutWalletChangeCancelledSchema,
    { type: 'PayoutWalletChangeCancelled', data: { channelId, ownerId, changeNumber, reason, cancelledAt } },
    'PayoutWalletChangeCancelled',
  );

const assertHold = (holdSeconds: number) => {
  if (!Number.isInteger(holdSeconds) || holdSeconds < 0 || holdSeconds > MAX_WALLET_HOLD_SECONDS) {
    throw new PayGateError('validation', `holdSeconds must be an integer from 0 to ${MAX_WALLET_HOLD_SECONDS}`, { field: 'holdSeconds' });
  }
};

/**
 * The first wallet takes effect at once: no payout destination exists yet, so there is nothing
 * a hijacked account could divert. Any later wallet — a change by the owner, or a new owner's
 * wallet after a claim — is a change: pending for `holdSeconds`, cancellable until then, so an
 * owner whose Telegram account was taken over has time to stop it. A new request replaces a
 * pending one (and restarts the hold); restating the pending wallet changes nothing; restating
 * the wallet in effect cancels the pending change.
 */
export const setPayoutWallet = (command: SetPayoutWallet, ownerId: string, state: PayoutSettingsState): PayoutSettingsEvent[] => {
  const { channelId, setAt, holdSeconds } = command.data;
  assertHold(holdSeconds);
  const address = assertPayoutAddress(command.data.address);
  const network = command.data.network.trim().toLowerCase();
  const currency = assertPayoutCurrency(network, command.data.currency);
  // assertPayoutCurrency refused any network that is not a PayoutNetwork.
  const wallet: PayoutWallet = { address, network: network as PayoutNetwork, currency };
  const walletSet = () =>
    parseWithSchema(PayoutWalletSetSchema, { type: 'PayoutWalletSet', data: { channelId, ownerId, ...wallet, setAt } }, 'PayoutWalletSet');

  const now = settlePayoutSettings(state, setAt);
  if (now.wallet === null) return [walletSet()];
  const pending = now.pendingChange;
  if (pending && pending.ownerId === ownerId && sameWallet(pending.wallet, wallet)) return [];
  if (now.wallet.ownerId === ownerId && sameWallet(now.wallet, wallet)) {
    return pending ? [cancelled(channelId, ownerId, pending.changeNumber, 'current_wallet_kept', setAt)] : [];
  }
  const events: PayoutSettingsEvent[] = pending ? [cancelled(channelId, ownerId, pending.changeNumber, 'replaced', setAt)] : [];
  if (holdSeconds === 0) return [...events, walletSet()];
  const effectiveAt = new Date(Date.parse(setAt) + holdSeconds * 1000).toISOString();
  const data = { channelId, ownerId, changeNumber: now.changeCount + 1, ...wallet, requestedAt: setAt, effectiveAt };
  return [...events, parseWithSchema(PayoutWalletChangeRequestedSchema, { type: 'PayoutWalletChangeRequested', data }, 'PayoutWalletChangeRequested')];
};

/**
 * Cancels a pending change until its `effectiveAt`. Cancelling a cancelled change changes
 * nothing; one replaced by a newer request, or already in effect, is a conflict saying so
 * (`details.reason`: 'replaced' | 'in_effect'), so a stale button gets a true answer.
 */
export const cancelPayoutWalletChange = (command: CancelPayoutWalletChange, ownerId: string, state: PayoutSettingsState): PayoutSettingsEvent[] => {
  const { channelId, changeNumber, cancelledAt } = command.data;
  const closed = state.cancelledChanges.get(changeNumber);
  if (closed === 'replaced') {
    throw new PayGateError('conflict', `wallet change ${changeNumber} was replaced by a newer request`, { channelId, changeNumber, reason: 'replaced' });
  }
  if (closed !== undefined) return [];
  const known = Number.isInteger(changeNumber) && changeNumber >= 1 && changeNumber <= state.changeCount;
  if (!known) throw new PayGateError('not_found', `there is no wallet change ${changeNumber}`, { channelId, changeNumber });
  const pending = settlePayoutSettings(state, cancelledAt).pendingChange;
  if (pending?.changeNumber !== changeNumber) {
    throw new PayGateError('conflict', `wallet change ${changeNumber} is already in effect`, { channelId, changeNumber, reason: 'in_effect' });
  }
  return [cancelled(channelId, ownerId, changeNumber, 'owner_cancelled', cancelledAt)];
};
