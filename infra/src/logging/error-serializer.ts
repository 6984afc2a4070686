import { stdSerializers } from 'pino';
import { isAnticipatedError } from '@paygate/domain';

/**
 * pino's error serializer, minus the stack of an anticipated error (a refusal the code handles,
 * such as Telegram's "chat not found"): its message and details say what happened, while its
 * stack is always the same client call path. Real failures keep their stacks.
 */
export const serializeError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  if (!isAnticipatedError(error)) return serialized;
  const { stack: _stack, ...rest } = serialized;
  return rest;
};
