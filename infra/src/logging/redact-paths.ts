/** Property names whose values are secret wherever they appear (up to three levels deep). */
export const SECRET_PROPERTY_NAMES = [
  'apiKey',
  'api_key',
  'apikey',
  'x-api-key',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'botToken',
  'ipnSecret',
  'ipn_secret',
  'operatorKey',
  'privateKey',
  // The dashboard's token signing key, as PEM text in config and key-ring inputs.
  'privateKeyPem',
  'signingKeyPem',
  'private_key',
  'mnemonic',
  'x-nowpayments-sig',
  // Telegram: the webhook's secret token, in setWebhook parameters and in the header it comes back in.
  'secret_token',
  'secretToken',
  'x-telegram-bot-api-secret-token',
  // grammY's GrammyError carries the whole parameter object of the failed call.
  'payload',
] as const;

const segment = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

/**
 * pino redact paths: each secret name at the top level, one and two levels down (`*.secret`,
 * `*.*.secret`, which covers `req.headers.authorization`). The value-based scrub in the logger
 * catches the rest.
 */
export const REDACT_PATHS: readonly string[] = SECRET_PROPERTY_NAMES.flatMap((name) => {
  const tail = segment(name);
  return [tail.startsWith('.') ? tail.slice(1) : tail, `*${tail}`, `*.*${tail}`];
});
