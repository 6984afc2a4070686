/**
 * The URL a client span records, with what could be a credential taken out: the Bot API token
 * (`/bot<id>:<secret>/`), long random-looking path segments (RPC providers put API keys there),
 * user-info and the whole query string.
 */
export const safeUrl = (origin: string, path: string): { full: string; path: string } => {
  const pathname = path.split('?', 1)[0] ?? '';
  const safePath = pathname
    .split('/')
    .map((segment) => (/^bot\d+:/.test(segment) ? 'bot[redacted]' : segment.length >= 20 && /\d/.test(segment) && /[A-Za-z]/.test(segment) ? '[redacted]' : segment))
    .join('/');
  let safeOrigin = origin;
  try {
    safeOrigin = new URL(origin).origin;
  } catch {
    safeOrigin = '[unparsable origin]';
  }
  return { full: `${safeOrigin}${safePath}`, path: safePath };
};
