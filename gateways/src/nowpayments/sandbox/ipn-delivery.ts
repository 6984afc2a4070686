/**
 * Posting one signed IPN to a callback URL the way NOWPayments does: JSON body, signature in
 * `x-nowpayments-sig`, a short deadline per attempt, and a few retries with backoff whenever
 * the receiver does not answer 2xx.
 */
import type { FetchLike } from '../client/api-request.ts';
import type { NowPaymentsPaymentStatus } from '../ipn-payload.ts';
import { IPN_SIGNATURE_HEADER } from '../ipn-signature.ts';

export type IpnRetryPolicy = {
  readonly attempts: number; // total tries per IPN, first one included
  readonly backoffMs: number; // wait before the 2nd try; doubles after each failure
  readonly timeoutMs: number; // NOWPayments expects an answer within ~3 s
};

export const DEFAULT_IPN_RETRY: IpnRetryPolicy = { attempts: 4, backoffMs: 200, timeoutMs: 3_000 };

export type IpnAttempt = {
  readonly at: string;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly responseBody?: string;
  readonly error?: string;
};

export type SentIpn = {
  readonly invoiceId: string;
  readonly paymentId: number;
  readonly status: NowPaymentsPaymentStatus;
  readonly url: string;
  readonly body: string;
  readonly signature: string;
  /** 'duplicate' is the deliberate second copy sent by the `duplicate` option. */
  readonly copy: 'original' | 'duplicate';
  /** True for the older status sent after a newer one by the `outOfOrder` option. */
  readonly late: boolean;
  readonly attempts: IpnAttempt[];
  delivered: boolean;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const attemptOnce = async (ipn: SentIpn, fetchImpl: FetchLike, timeoutMs: number, clock: () => Date): Promise<IpnAttempt> => {
  const at = clock().toISOString();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetchImpl(ipn.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: ipn.signature },
      body: ipn.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseBody = (await response.text().catch(() => '')).slice(0, 500);
    return { at, durationMs: elapsed(), httpStatus: response.status, responseBody };
  } catch (error) {
    return { at, durationMs: elapsed(), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};

/** Tries until a 2xx or the attempts run out; records every attempt on `ipn`. */
export const deliverIpn = async (
  ipn: SentIpn,
  fetchImpl: FetchLike,
  policy: IpnRetryPolicy,
  clock: () => Date,
): Promise<SentIpn> => {
  for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
    if (attempt > 0) await sleep(policy.backoffMs * 2 ** (attempt - 1));
    const result = await attemptOnce(ipn, fetchImpl, policy.timeoutMs, clock);
    ipn.attempts.push(result);
    if (result.httpStatus !== undefined && result.httpStatus >= 200 && result.httpStatus < 300) {
      ipn.delivered = true;
      break;
    }
  }
  return ipn;
};
