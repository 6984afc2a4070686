import * as v from 'valibot';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { TierPriceJsonSchema } from '../channel/tier-price.ts';
import { PAYOUT_NETWORK_NAMES } from './payout-networks.ts';

/**
 * One stream per channel, beside `channel-<id>`: payout settings change on their own and are
 * read by the payout side only, which need not fold the channel's tiers.
 */
export const payoutSettingsStreamId = (channelId: string): string => `payout-settings-${channelId}`;

/** An EVM address as events carry it (0x and 40 hex digits). */
export const EvmAddressSchema = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x and 40 hex digits'));

/** A payout wallet as events carry it; shared with the payout events, which record the wallet in force. */
export const walletFields = {
  /** EIP-55 checksummed. */
  address: EvmAddressSchema,
  network: v.picklist(PAYOUT_NETWORK_NAMES),
  currency: v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,32}$/, 'must be an upper-case currency code')),
};

/** A wallet in effect at once: the channel's first one (nothing to protect yet), or any when the hold is 0. */
export const PayoutWalletSetSchema = v.object({
  type: v.literal('PayoutWalletSet'),
  data: v.object({ channelId: IdSchema, ownerId: TelegramUserIdSchema, ...walletFields, setAt: TimestampSchema }),
});

/**
 * A change of an existing wallet: payouts keep going to the current wallet until `effectiveAt`
 * (requestedAt + the hold period), and the owner can cancel it until then. Numbered per stream
 * so a cancel button names exactly one request.
 */
export const PayoutWalletChangeRequestedSchema = v.object({
  type: v.literal('PayoutWalletChangeRequested'),
  data: v.object({
    channelId: IdSchema,
    ownerId: TelegramUserIdSchema,
    changeNumber: v.pipe(v.number(), v.integer(), v.minValue(1)),
    ...walletFields,
    requestedAt: TimestampSchema,
    effectiveAt: TimestampSchema,
  }),
});

/**
 * A pending change that will never take effect: the owner cancelled it, a newer request
 * replaced it, or the owner restated the wallet in effect.
 */
export const PayoutWalletChangeCancelledSchema = v.object({
  type: v.literal('PayoutWalletChangeCancelled'),
  data: v.object({
    channelId: IdSchema,
    /** Who caused the cancellation (the owner at that time). */
    ownerId: TelegramUserIdSchema,
    changeNumber: v.pipe(v.number(), v.integer(), v.minValue(1)),
    reason: v.picklist(['owner_cancelled', 'replaced', 'current_wallet_kept']),
    cancelledAt: TimestampSchema,
  }),
});

export const PayoutStrategyChosenSchema = v.object({
  type: v.literal('PayoutStrategyChosen'),
  data: v.variant('strategy', [
    v.object({ strategy: v.literal('instant'), channelId: IdSchema, ownerId: TelegramUserIdSchema, chosenAt: TimestampSchema }),
    v.object({
      strategy: v.literal('threshold'),
      channelId: IdSchema,
      ownerId: TelegramUserIdSchema,
      /** USD cents, like tier prices. */
      threshold: TierPriceJsonSchema,
      chosenAt: TimestampSchema,
    }),
  ]),
});

export const PayoutSettingsEventSchema = v.variant('type', [
  PayoutWalletSetSchema,
  PayoutWalletChangeRequestedSchema,
  PayoutWalletChangeCancelledSchema,
  PayoutStrategyChosenSchema,
]);

export type PayoutWalletSet = v.InferOutput<typeof PayoutWalletSetSchema>;
export type PayoutWalletChangeRequested = v.InferOutput<typeof PayoutWalletChangeRequestedSchema>;
export type PayoutWalletChangeCancelled = v.InferOutput<typeof PayoutWalletChangeCancelledSchema>;
export type WalletChangeCancelReason = PayoutWalletChangeCancelled['data']['reason'];
export type PayoutStrategyChosen = v.InferOutput<typeof PayoutStrategyChosenSchema>;
export type PayoutSettingsEvent = v.InferOutput<typeof PayoutSettingsEventSchema>;

export const parsePayoutSettingsEvent = createEventParser(PayoutSettingsEventSchema, 'payout settings');
