/** A dashboard URL with query parameters; absent and empty values are left out. */
export const hrefWith = (path: string, params: Record<string, string | undefined>): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
};

/**
 * A block explorer's page for a transaction: EXPLORER_TX_URL with `{hash}` replaced (as the bot's
 * payout notices do), or undefined when no usable http(s) template is configured.
 */
export const explorerHref = (template: string | undefined, hash: string): string | undefined =>
  template !== undefined && /^https?:\/\//i.test(template) && template.includes('{hash}')
    ? template.replaceAll('{hash}', encodeURIComponent(hash))
    : undefined;
