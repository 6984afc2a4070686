import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPN_SIGNATURE_HEADER, NOWPAYMENTS_PAYMENT_STATUSES, signIpnPayload } from '@paygate/gateways';
import { finishedIpn } from './test-support/finished-ipn.ts';
import { IPN_SECRET, startFlowHarness, type FlowHarness } from './test-support/flow-harness.ts';

// Random and mutated IPN bodies, signed and unsigned, thrown at the real endpoint over HTTP with
// the real PostgreSQL event store behind it. Properties: never a 5xx; a rejected request appends
// nothing; only a correctly signed JSON object can be accepted.

let h: FlowHarness;
let invoiceId: string;
beforeAll(async () => {
  h = await startFlowHarness({ maxIpnBodyBytes: 4 * 1024 });
  const { channelId, tierId } = await h.channelWithTier('prop');
  invoiceId = (await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' })).invoiceId;
});
afterAll(async () => {
  await h?.close();
});

const baseIpn = (paymentId: number): Record<string, unknown> => finishedIpn('ORDER', paymentId, { fee: { currency: 'usdttrc20', depositFee: 0.06 } });
const FIELDS = Object.keys(baseIpn(1));

const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 40 }),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.constantFrom(0, -1, 1e-7, 1e21, 1e300, Number.MAX_SAFE_INTEGER + 2, 12.5, 12.501),
  fc.constantFrom(...NOWPAYMENTS_PAYMENT_STATUSES, 'paid', 'FINISHED', '', 'usd', 'xyzcoin', 'usdt-trc20', ' inv 1 ', 'x'.repeat(300)),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation = { kind: 'delete'; field: string } | { kind: 'set'; field: string; value: unknown } | { kind: 'add'; field: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...FIELDS) }),
  fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...FIELDS), value: anyJson }),
  fc.record({ kind: fc.constant('add' as const), field: fc.string({ maxLength: 12 }), value: anyJson }),
);

/** A valid IPN for our invoice (or for no invoice), then 0..3 mutations (none a third of the time). */
const mutatedIpn = fc
  .record({
    paymentId: fc.integer({ min: 9_500_000_000, max: 9_599_999_999 }),
    ours: fc.boolean(),
    mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
  })
  .map(({ paymentId, ours, mutations }) => {
    const ipn = { ...baseIpn(paymentId), order_id: ours ? 'OURS' : `inv_unknown_${paymentId}` };
    for (const m of mutations) {
      if (m.kind === 'delete') delete (ipn as Record<string, unknown>)[m.field];
      else Object.defineProperty(ipn, m.field, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
    return ipn as Record<string, unknown>;
  });

type Attempt = { body: string; signature?: string; contentType: string; signedCorrectly: boolean };

const request: fc.Arbitrary<Attempt> = fc
  .record({
    payload: fc.oneof(
      { weight: 3, arbitrary: mutatedIpn.map((ipn) => ({ json: ipn as unknown, text: undefined as string | undefined })) },
      { weight: 1, arbitrary: fc.jsonValue().map((json) => ({ json: json as unknown, text: undefined as string | undefined })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ json: undefined as unknown, text })) },
    ),
    signing: fc.constantFrom('valid', 'valid', 'valid', 'none', 'wrong', 'other-secret', 'garbage'),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', '', 'application/x-www-form-urlencoded') },
    ),
    pad: fc.constantFrom(0, 0, 0, 5_000),
  })
  .map(({ payload, signing, contentType, pad }) => {
    const json = payload.text === undefined ? payload.json : undefined;
    const withPad = pad > 0 && json !== null && typeof json === 'object' && !Array.isArray(json) ? { ...json, padding: 'x'.repeat(pad) } : json;
    const body = payload.text ?? JSON.stringify(withPad) ?? 'null';
    const signable = payload.text === undefined;
    const signature =
      signing === 'none'
        ? undefined
        : signing === 'garbage'
          ? 'zz'
          : signing === 'wrong'
            ? 'f'.repeat(128)
            : signIpnPayload(signable ? withPad : body, signing === 'other-secret' ? 'not_the_secret' : IPN_SECRET);
    return { body, contentType, signedCorrectly: signing === 'valid' && signable, ...(signature === undefined ? {} : { signature }) };
  });

describe('NOWPayments webhook under random and mutated input (fast-check, real PostgreSQL)', () => {
  it('never answers 5xx, appends nothing when it rejects, and accepts only correctly signed JSON objects', async () => {
    const seen = new Map<number, number>();
    let appended = 0;
    await fc.assert(
      fc.asyncProperty(request, async (attempt) => {
        const body = attempt.body.replaceAll('"OURS"', JSON.stringify(invoiceId));
        const signature = attempt.signature && attempt.signedCorrectly ? signIpnPayload(JSON.parse(body), IPN_SECRET) : attempt.signature;
        const before = await h.eventCount();
        const response = await h.postIpn(body, {
          'content-type': attempt.contentType,
          ...(signature === undefined ? {} : { [IPN_SIGNATURE_HEADER]: signature }),
        });
        const text = await response.text();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status, text).toBeLessThan(500);
        if (response.status !== 200) {
          expect(await h.eventCount()).toBe(before);
          expect(text).not.toMatch(/\n\s+at /);
        } else {
          expect(attempt.signedCorrectly).toBe(true);
          expect(JSON.parse(text)).toEqual({ ok: true });
        }
        // Sent again, a request changes nothing more: accepted ones are idempotent.
        if (response.status === 200) {
          const after = await h.eventCount();
          appended += after - before;
          const again = await h.postIpn(body, { 'content-type': attempt.contentType, [IPN_SIGNATURE_HEADER]: signature! });
          expect(again.status).toBe(200);
          expect(await h.eventCount()).toBe(after);
        }
      }),
      { numRuns: Number(process.env.PAYGATE_PROPERTY_RUNS ?? 150) },
    );
    // The generators reach every kind of answer, and some accepted IPNs really were recorded.
    console.info('webhook property: statuses', Object.fromEntries(seen), 'events appended', appended);
    for (const status of [200, 400, 401, 413, 415]) expect(seen.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(appended).toBeGreaterThan(0);
  });
});
