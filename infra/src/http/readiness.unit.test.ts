import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { nowPaymentsReadinessCheck } from '../runtime/readiness-checks.ts';
import { createHttpApp } from './index.ts';
import { runReadinessChecks } from './readiness.ts';

const logger = createLogger({ level: 'silent' });
const ok = async () => {};
const fail = async () => {
  throw new Error('ECONNREFUSED');
};

describe('readiness: non-fatal checks', () => {
  it('a failed non-fatal check is reported and leaves the process ready; a failed fatal one does not', async () => {
    const nowpayments = { name: 'nowpayments', check: fail, fatal: false };
    expect(await runReadinessChecks([{ name: 'postgres', check: ok }, nowpayments], { timeoutMs: 100, logger })).toEqual({
      ready: true,
      checks: { postgres: 'ok', nowpayments: 'failed' },
      nonFatal: ['nowpayments'],
    });
    expect(await runReadinessChecks([{ name: 'postgres', check: fail }, nowpayments], { timeoutMs: 100, logger })).toMatchObject({ ready: false });
    const app = createHttpApp({ logger, readiness: [{ name: 'postgres', check: ok }, nowpayments] });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', nowpayments: 'failed' } });
  });

  it('the NOWPayments check is non-fatal and asks NOWPayments at most once per cache period', async () => {
    let calls = 0;
    let now = 0;
    let up = false;
    const check = nowPaymentsReadinessCheck(async () => {
      calls += 1;
      if (!up) throw new Error('down');
    }, 30_000, () => now);
    expect(check).toMatchObject({ name: 'nowpayments', fatal: false });
    await expect(check.check()).rejects.toThrow('down');
    up = true;
    now = 29_999;
    await expect(check.check()).rejects.toThrow('down');
    now = 30_000;
    await expect(check.check()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
