import * as v from 'valibot';

// A Telegram id or unix time: JSON may carry it as a number, a query string as text. Either way the
// check string uses its decimal text, so numbers beyond 2^53 (which JSON would round) are refused.
const positiveDecimal = (what: string) =>
  v.pipe(
    v.union([v.string(), v.pipe(v.number(), v.safeInteger())], `${what} must be a string or an integer`),
    v.transform(String),
    v.regex(/^[1-9]\d{0,19}$/, `${what} must be the decimal text of a positive integer`),
  );

// No control characters: a newline inside a value could move text between fields of a genuinely
// signed check string (`a=1\nb=2` read as one field), so they are refused before the hash is checked.
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = (what: string, max: number) =>
  v.pipe(v.string(`${what} must be a string`), v.maxLength(max, `${what} is too long`), v.regex(NO_CONTROL, `${what} has control characters`));

/** Fields the widget may add in the future: signed like the rest, so kept for the check string. */
const ExtraFieldSchema = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.finite())], 'an extra field must be a string or a number'),
  v.transform(String),
  v.maxLength(1024, 'an extra field is too long'),
  v.regex(NO_CONTROL, 'an extra field has control characters'),
);

const MAX_FIELDS = 32;
const FIELD_NAME = /^[a-z0-9_]{1,64}$/;

/**
 * The fields of a Telegram Login Widget callback (`id`, `first_name`, optional `last_name`,
 * `username`, `photo_url`, then `auth_date` and `hash`). Unknown fields are kept, as strings, since
 * Telegram signs every field it sends. Output values are the decimal/text form the hash covers.
 */
export const TelegramWidgetFieldsSchema = v.pipe(
  v.objectWithRest(
    {
      id: positiveDecimal('id'),
      first_name: v.pipe(text('first_name', 256), v.minLength(1, 'first_name must not be empty')),
      last_name: v.optional(text('last_name', 256)),
      username: v.optional(v.pipe(v.string('username must be a string'), v.regex(/^[A-Za-z0-9_]{1,64}$/, 'username must be letters, digits or _'))),
      photo_url: v.optional(v.pipe(text('photo_url', 2048), v.url('photo_url must be a URL'))),
      auth_date: positiveDecimal('auth_date'),
      hash: v.pipe(v.string('hash must be a string'), v.regex(/^[0-9a-f]{64}$/, 'hash must be 64 lowercase hex digits')),
    },
    ExtraFieldSchema,
  ),
  v.check((fields) => Object.keys(fields).length <= MAX_FIELDS, `at most ${MAX_FIELDS} fields`),
  v.check((fields) => Object.keys(fields).every((name) => FIELD_NAME.test(name)), 'field names must be lowercase letters, digits or _'),
);

export type TelegramWidgetFields = v.InferOutput<typeof TelegramWidgetFieldsSchema>;
