import {
  JwkOutSchema,
  JwksOutSchema,
  LogoutEverywhereOutSchema,
  MeOutSchema,
  OpenApiDocumentOutSchema,
  ProblemOutSchema,
  SessionOutSchema,
  SessionPageOutSchema,
  TokenPairOutSchema,
} from './auth-schemas.ts';
import {
  ChannelOutSchema,
  ChannelPageOutSchema,
  ChannelSummaryOutSchema,
  RevenueOutSchema,
  RevenuePointOutSchema,
  SubscriberOutSchema,
  SubscriberPageOutSchema,
  TierOutSchema,
} from './channel-schemas.ts';
import {
  InvoiceOutSchema,
  PaymentOutSchema,
  PaymentPageOutSchema,
  PaymentTrailOutSchema,
  PaymentWithSplitOutSchema,
  ReportedAmountsOutSchema,
  SplitOutSchema,
  TrailEventOutSchema,
} from './payment-schemas.ts';
import { BalancesOutSchema, ChannelBalanceOutSchema, OwnerBalanceOutSchema, PayoutOutSchema, PayoutPageOutSchema, PayoutTransferOutSchema } from './payout-schemas.ts';
import { MoneyOutSchema } from './primitives.ts';

export * from './auth-schemas.ts';
export * from './channel-schemas.ts';
export * from './payment-schemas.ts';
export * from './payout-schemas.ts';
export { MoneyOutSchema, pageOf } from './primitives.ts';

/**
 * Every response schema by its name in `components.schemas`. A schema nested in another one that
 * is also listed here becomes a `$ref` to it, so the document names each shape once.
 */
export const responseSchemas = {
  OpenApiDocument: OpenApiDocumentOutSchema,
  Money: MoneyOutSchema,
  Problem: ProblemOutSchema,
  TokenPair: TokenPairOutSchema,
  Me: MeOutSchema,
  LogoutEverywhere: LogoutEverywhereOutSchema,
  Session: SessionOutSchema,
  SessionPage: SessionPageOutSchema,
  Jwk: JwkOutSchema,
  Jwks: JwksOutSchema,
  ReportedAmounts: ReportedAmountsOutSchema,
  Payment: PaymentOutSchema,
  Split: SplitOutSchema,
  PaymentWithSplit: PaymentWithSplitOutSchema,
  PaymentPage: PaymentPageOutSchema,
  Invoice: InvoiceOutSchema,
  TrailEvent: TrailEventOutSchema,
  PaymentTrail: PaymentTrailOutSchema,
  Tier: TierOutSchema,
  Channel: ChannelOutSchema,
  ChannelSummary: ChannelSummaryOutSchema,
  ChannelPage: ChannelPageOutSchema,
  Subscriber: SubscriberOutSchema,
  SubscriberPage: SubscriberPageOutSchema,
  RevenuePoint: RevenuePointOutSchema,
  Revenue: RevenueOutSchema,
  PayoutTransfer: PayoutTransferOutSchema,
  Payout: PayoutOutSchema,
  PayoutPage: PayoutPageOutSchema,
  OwnerBalance: OwnerBalanceOutSchema,
  ChannelBalance: ChannelBalanceOutSchema,
  Balances: BalancesOutSchema,
} as const;

export type ResponseSchemaName = keyof typeof responseSchemas;
