import * as v from 'valibot';

/**
 * Field schemas shared by the dashboard session streams. Tokens never enter an event: the caller
 * hashes the random token (SHA-256, lowercase hex) and the domain only stores and compares hashes,
 * so a leaked event store yields nothing that can be presented.
 */
export const TokenHashSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash in lowercase hex'));

export const SESSION_ROLES = ['owner', 'admin', 'auditor'] as const;
export const SessionRoleSchema = v.picklist(SESSION_ROLES);
export type SessionRole = v.InferOutput<typeof SessionRoleSchema>;

/** How the owner proved who they are: the Telegram Login Widget, or a one-time link the bot sent. */
export const LOGIN_METHODS = ['telegram_widget', 'bot_link'] as const;
export const LoginMethodSchema = v.picklist(LOGIN_METHODS);
export type LoginMethod = v.InferOutput<typeof LoginMethodSchema>;
