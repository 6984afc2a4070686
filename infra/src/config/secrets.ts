import type { Config } from './load-config.ts';

const credentialsOf = (value: string | undefined, { userIsToken = false } = {}): string[] => {
  if (value === undefined) return [];
  const found: string[] = [];
  for (const part of value.split(',')) {
    let url: URL;
    try {
      url = new URL(part.trim());
    } catch {
      continue;
    }
    // NATS takes a bare token in the user slot (nats://TOKEN@host); otherwise only the password is secret.
    const secret = url.password !== '' ? url.password : userIsToken ? url.username : '';
    if (secret === '') continue;
    found.push(secret);
    const decoded = safeDecode(secret);
    if (decoded !== secret) found.push(decoded);
  }
  return found;
};

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** An RPC provider's key sits in the URL's path or query (…/v3/<key>, ?apikey=…): all of them are secret. */
const rpcUrlSecrets = (value: string | undefined): string[] => {
  if (value === undefined) return [];
  try {
    const url = new URL(value);
    return [value, ...credentialsOf(value), ...(url.pathname.length > 1 ? [url.pathname] : []), ...(url.search === '' ? [] : [url.search.slice(1)])];
  } catch {
    return [value];
  }
};

/** The key as given and in the other spelling (with or without 0x), so neither reaches a log. */
const hexKeySpellings = (key: string | undefined): string[] => (key === undefined ? [] : [key, key.startsWith('0x') ? key.slice(2) : `0x${key}`]);

/**
 * The configured secret values, for the logger's value-based scrub: API keys, tokens, and the
 * credentials inside connection strings (not the whole URL, so hosts stay readable in logs).
 */
export const configSecrets = (config: Config): string[] =>
  [
    config.nowpayments.apiKey,
    config.nowpayments.ipnSecret,
    config.nowpayments.previousIpnSecret,
    config.operatorKey,
    config.telegramBotToken,
    config.payouts.changenowApiKey,
    ...hexKeySpellings(config.payouts.hostWalletPrivateKey),
    ...rpcUrlSecrets(config.payouts.ethereumRpcUrl),
    ...credentialsOf(config.databaseUrl),
    ...credentialsOf(config.databaseOwnerUrl),
    ...credentialsOf(config.eventStoreUrl),
    ...credentialsOf(config.natsUrl, { userIsToken: true }),
  ].filter((value): value is string => value !== undefined && value !== '');

/** A connection string safe to log: the password (or NATS token) replaced by `***`. */
export const redactUrl = (value: string): string =>
  value
    .split(',')
    .map((part) => {
      try {
        const url = new URL(part.trim());
        if (url.password !== '') url.password = '***';
        else if (url.username !== '' && url.protocol.startsWith('nats')) url.username = '***';
        return url.toString();
      } catch {
        return '***';
      }
    })
    .join(',');
