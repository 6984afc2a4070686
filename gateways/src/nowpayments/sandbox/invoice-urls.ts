/**
 * The URLs an invoice may carry. success_url/cancel_url become links on the checkout page, so
 * only http(s) is taken (a `javascript:` link would run in the sandbox's origin). The
 * ipn_callback_url is where the sandbox POSTs signed IPNs; restricted to PayGate's own webhook
 * it cannot be used to send signed requests to any address a client names.
 */

/** The one callback the sandbox will post to (e.g. `<publicUrl>/webhooks/nowpayments`); a function when known only later. */
export type AllowedCallbackUrl = string | (() => string);

export const isHttpUrl = (text: string): boolean => {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:';
};

/** Compared as parsed URLs, so `HTTP://Host:80/x` and `http://host/x` are the same callback. */
export const isAllowedCallback = (callbackUrl: string, allowed: AllowedCallbackUrl | undefined): boolean => {
  if (allowed === undefined) return true;
  let expected: string;
  try {
    expected = typeof allowed === 'function' ? allowed() : allowed;
  } catch {
    return false; // PayGate's address not known yet: nothing is allowed rather than everything
  }
  return URL.canParse(expected) && new URL(callbackUrl).href === new URL(expected).href;
};
