// Input shared by `payments exceptions attach` and `payments exceptions close` (not a command).
import * as v from 'valibot';
import { IdSchema } from '@paygate/domain';
import type { Command } from '../command.ts';
import { loginName } from '../operator-name.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { UsageError } from '../usage-error.ts';

/** The note or reason recorded on the event: up to this length. */
export const MAX_TEXT = 500;

/** The positional payment id, the note or reason, and who decides (--by, default the login name), checked. */
export const decisionInput = (context: Parameters<Command['run']>[0], name: string, textOption: 'note' | 'reason') => {
  const paymentId = context.positionals[0]!;
  if (!v.is(IdSchema, paymentId)) throw new UsageError('<paymentId> must be 1-128 printable characters without spaces', name);
  const text = requiredOption(context.values, textOption, name);
  if (text.trim() === '' || text.length > MAX_TEXT) throw new UsageError(`--${textOption} must be 1-${MAX_TEXT} characters (got ${text.length})`, name);
  const decidedBy = optionalOption(context.values, 'by') ?? loginName();
  if (decidedBy === undefined) throw new UsageError('--by is required (no login name to default to)', name);
  if (!v.is(IdSchema, decidedBy)) throw new UsageError('--by must be an operator id without spaces', name);
  return { paymentId, text, decidedBy };
};

export const by = { type: 'string', valueName: 'operator', description: 'Who decides, without spaces; recorded on the event (default: your login name)' } as const;
export const paymentPositional = [{ name: 'paymentId', required: true, description: 'NOWPayments payment id, as `paygate payments exceptions` lists it' }];

