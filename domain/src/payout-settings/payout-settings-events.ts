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

export const PayoutWalletSetSchema = v.object({
  type: v.literal('PayoutWalletSet'),
  data: v.object({
    channelId: IdSchema,
    ownerId: TelegramUserIdSchema,
    /** EIP-55 checksummed. */
    address: v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x and 40 hex digits')),
    network: v.picklist(PAYOUT_NETWORK_NAMES),
    currency: v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,32}$/, 'must be an upper-case currency code')),
    setAt: TimestampSchema,
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

export const PayoutSettingsEventSchema = v.variant('type', [PayoutWalletSetSchema, PayoutStrategyChosenSchema]);

export type PayoutWalletSet = v.InferOutput<typeof PayoutWalletSetSchema>;
export type PayoutStrategyChosen = v.InferOutput<typeof PayoutStrategyChosenSchema>;
export type PayoutSettingsEvent = v.InferOutput<typeof PayoutSettingsEventSchema>;

export const parsePayoutSettingsEvent = createEventParser(PayoutSettingsEventSchema, 'payout settings');
