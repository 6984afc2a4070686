import * as v from 'valibot';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { LoginMethodSchema, SessionRoleSchema, TokenHashSchema } from './session-schemas.ts';

/**
 * One stream per refresh-token family (RFC 9700 §4.14.2): a login starts it, every refresh
 * rotates it, and a spent token presented again revokes it whole, since either the owner or a
 * thief holds a copy and the domain cannot tell which.
 */
export const sessionStreamId = (familyId: string): string => `session-${familyId}`;

export const SessionStartedSchema = v.object({
  type: v.literal('SessionStarted'),
  data: v.object({
    familyId: IdSchema,
    ownerId: TelegramUserIdSchema,
    role: SessionRoleSchema,
    method: LoginMethodSchema,
    /** Generation 0's refresh token, hashed. */
    refreshTokenHash: TokenHashSchema,
    expiresAt: TimestampSchema,
    startedAt: TimestampSchema,
  }),
});
export const RefreshTokenRotatedSchema = v.object({
  type: v.literal('RefreshTokenRotated'),
  data: v.object({
    familyId: IdSchema,
    generation: v.pipe(v.number(), v.integer(), v.minValue(1)),
    refreshTokenHash: TokenHashSchema,
    expiresAt: TimestampSchema,
    rotatedAt: TimestampSchema,
  }),
});
export const SESSION_REVOKE_REASONS = ['reuse_detected', 'logout', 'logout_everywhere', 'expired'] as const;
export const SessionRevokedSchema = v.object({
  type: v.literal('SessionRevoked'),
  data: v.object({ familyId: IdSchema, reason: v.picklist(SESSION_REVOKE_REASONS), revokedAt: TimestampSchema }),
});

export const SessionEventSchema = v.variant('type', [SessionStartedSchema, RefreshTokenRotatedSchema, SessionRevokedSchema]);
export type SessionEvent = v.InferOutput<typeof SessionEventSchema>;
export type SessionStarted = v.InferOutput<typeof SessionStartedSchema>;
export type RefreshTokenRotated = v.InferOutput<typeof RefreshTokenRotatedSchema>;
export type SessionRevoked = v.InferOutput<typeof SessionRevokedSchema>;
export type SessionRevokeReason = SessionRevoked['data']['reason'];
export const parseSessionEvent = createEventParser(SessionEventSchema, 'session');
