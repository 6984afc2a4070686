import { isPayGateError, PayGateError } from '@paygate/domain';

// Connection failures (Node socket codes, SQLSTATE class 08, server shutting down or full) and a
// read model whose tables do not exist yet (the projector has not started): the caller may retry.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '42P01']);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Runs a read-model query; an unreachable or not yet projected database becomes PayGateError('unavailable'). */
export const readModel = async <T>(query: () => Promise<T>): Promise<T> => {
  try {
    return await query();
  } catch (error) {
    if (isPayGateError(error)) throw error;
    const code = codeOf(error);
    const connectionLost = error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
    if ((code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) || connectionLost) {
      throw new PayGateError('unavailable', 'read model database unavailable', {}, { cause: error });
    }
    throw error;
  }
};
