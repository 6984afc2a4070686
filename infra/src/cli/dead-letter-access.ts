import * as v from 'valibot';
import { IdSchema, TextSchema, type DeadLetter } from '@paygate/domain';
import { ConfigError, loadConfig, type Env } from '../config/index.ts';
import { withCommandPlatform, type CommandPlatform } from './command-platform.ts';
import type { OptionValues } from './command.ts';
import { loginName } from './operator-name.ts';
import { optionalOption } from './options.ts';
import { UsageError } from './usage-error.ts';

/**
 * Opens the platform for a `dead-letters` command. Dead letters are kept by NATS JetStream; the
 * in-process broker (NATS_URL unset) keeps them in the memory of the running `paygate start`,
 * which a second process cannot reach, so a command there would only see its own empty broker:
 * it refuses with a configuration error instead of printing a misleading "none".
 */
export const withDeadLetters = async <T>(env: Env, work: (opened: CommandPlatform) => Promise<T>): Promise<T> => {
  if (loadConfig(env).natsUrl === undefined)
    throw new ConfigError([
      {
        variable: 'NATS_URL',
        message:
          'is not set: without NATS JetStream the dead letters live in the memory of the running `paygate start` (in-process broker) and no other process can read them; they are gone when it stops. Set NATS_URL (and NATS_STREAM) to the server your roles use.',
      },
    ]);
  return withCommandPlatform(env, work);
};

/** A dead letter for `list`: where it came from and why it died, no payload. */
export const deadLetterJson = (letter: DeadLetter) => ({
  id: letter.id,
  consumer: letter.consumer,
  deadAt: letter.deadAt.toISOString(),
  error: letter.error,
  messageId: letter.message.id,
  subject: letter.message.subject,
  eventType: letter.message.headers['Event-Type'],
  sequence: letter.message.sequence,
  deliveryCount: letter.message.deliveryCount,
});

const utf8 = (data: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
};

/** A dead letter for `show`: with its headers and payload, as text when it is UTF-8, else base64. */
export const deadLetterDetailJson = (letter: DeadLetter) => {
  const text = utf8(letter.message.data);
  return {
    ...deadLetterJson(letter),
    headers: letter.message.headers,
    data: text ?? null,
    dataBase64: text === undefined ? Buffer.from(letter.message.data).toString('base64') : null,
  };
};

/** A dead letter id is the dead-letter stream's sequence number: checked before anything opens. */
export const deadLetterIdOf = (value: string | undefined, command: string): string => {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) throw new UsageError(`<id> must be a dead letter id, a positive whole number as \`paygate dead-letters list\` shows it (got ${JSON.stringify(value ?? '')})`, command);
  return value;
};

export const operatorOf = (values: OptionValues, command: string): string => {
  const by = optionalOption(values, 'by') ?? loginName();
  if (by === undefined || !v.is(IdSchema, by)) throw new UsageError('--by must be an operator id without spaces (no login name to default to)', command);
  return by;
};

const ReasonSchema = TextSchema(500);

export const reasonOf = (values: OptionValues, command: string): string => {
  const reason = values.reason;
  const parsed = typeof reason === 'string' ? v.safeParse(ReasonSchema, reason) : undefined;
  if (!parsed?.success) throw new UsageError('--reason is required: why the message is given up, 1-500 characters (recorded on the DeadLetterDiscarded event)', command);
  return parsed.output;
};

export const CONSUMER_OPTION = { type: 'string', valueName: 'name', description: 'Only the dead letters of this consumer (process manager), e.g. split-manager' } as const;
export const BY_OPTION = { type: 'string', valueName: 'operator', description: 'Who acts, without spaces; recorded on the event (default: your login name)' } as const;
