/** valibot schemas for the Bot API results the client reads; extra fields are ignored. */
import * as v from 'valibot';

/** An id as parsed: a number, or the exact digits of one past 2^53. */
export const idSchema = v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.regex(/^-?\d+$/))]);

export const messageSchema = v.looseObject({ message_id: v.pipe(v.number(), v.integer()) });

export const inviteLinkSchema = v.looseObject({
  invite_link: v.string(),
  creates_join_request: v.boolean(),
  is_revoked: v.boolean(),
  name: v.optional(v.string()),
  expire_date: v.optional(v.number()),
  member_limit: v.optional(v.number()),
});

export const chatMemberSchema = v.looseObject({
  user: v.looseObject({ id: idSchema }),
  status: v.picklist(['creator', 'administrator', 'member', 'restricted', 'left', 'kicked']),
  can_invite_users: v.optional(v.boolean()),
  can_restrict_members: v.optional(v.boolean()),
});

export const chatSchema = v.looseObject({
  id: idSchema,
  type: v.string(),
  title: v.optional(v.string()),
  username: v.optional(v.string()),
});

export const trueSchema = v.literal(true);
