import { PayGateError } from '@paygate/domain';

/**
 * The request body, refusing it as soon as more than `maxBytes` have arrived: counted on the
 * bytes as they stream in, because Content-Length can be absent (chunked) or wrong. A declared
 * length over the limit is refused before reading anything.
 */
export const readLimitedBody = async (request: Request, maxBytes: number): Promise<Uint8Array> => {
  const tooLarge = () => new PayGateError('too_large', `the body exceeds ${maxBytes} bytes`, { maxBytes });
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) throw tooLarge();
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
};
