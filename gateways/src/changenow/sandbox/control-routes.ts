/**
 * The simulator's control API, for tests and local runs (callers are kept to loopback elsewhere):
 *   POST /sandbox-control/fail-next      {count, status?}   next N API requests answer 5xx
 *   POST /sandbox-control/force-outcome  {outcome, count?}  failed | refunded | verifying
 *   POST /sandbox-control/request-delay  {ms}
 *   POST /sandbox-control/expire-rates
 *   POST /sandbox-control/tick           runs one tick now
 *   GET  /sandbox-control/exchanges
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { isPayGateError } from '@paygate/domain';
import { FORCED_OUTCOMES } from './exchange-flow.ts';
import { parseParams } from './params.ts';
import type { ChangeNowSimulatorControl } from './simulator-control.ts';
import { jsonResponse } from './wire.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000));
const failNextBody = v.object({ count, status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(500), v.maxValue(599))) });
const forceOutcomeBody = v.object({ outcome: v.picklist(FORCED_OUTCOMES), count: v.optional(count, 1) });
const delayBody = v.object({ ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)) });

const readBody = async <S extends v.GenericSchema>(c: Context, schema: S) => {
  const text = await c.req.text();
  let body: unknown = {};
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch {
    return { ok: false as const, message: 'body is not valid JSON' };
  }
  return parseParams(schema, body);
};

const refused = (message: string) => jsonResponse({ error: 'not_valid_params', message }, 400);

export const createControlRoutes = (control: ChangeNowSimulatorControl, tick: () => Promise<void>) => {
  const routes = new Hono();

  routes.post('/sandbox-control/fail-next', async (c) => {
    const parsed = await readBody(c, failNextBody);
    if (!parsed.ok) return refused(parsed.message);
    control.failNextRequests(parsed.value.count, parsed.value.status);
    return jsonResponse(control.faults());
  });

  routes.post('/sandbox-control/force-outcome', async (c) => {
    const parsed = await readBody(c, forceOutcomeBody);
    if (!parsed.ok) return refused(parsed.message);
    control.forceOutcome(parsed.value.outcome, parsed.value.count);
    return jsonResponse({ forced: parsed.value });
  });

  routes.post('/sandbox-control/request-delay', async (c) => {
    const parsed = await readBody(c, delayBody);
    if (!parsed.ok) return refused(parsed.message);
    try {
      control.setRequestDelay(parsed.value.ms);
    } catch (error) {
      if (isPayGateError(error)) return refused(error.message);
      throw error;
    }
    return jsonResponse(control.faults());
  });

  routes.post('/sandbox-control/expire-rates', () => {
    control.expireRates();
    return jsonResponse({ expired: true });
  });

  routes.post('/sandbox-control/tick', async () => {
    await tick();
    return jsonResponse(control.exchanges());
  });

  routes.get('/sandbox-control/exchanges', () => jsonResponse(control.exchanges()));

  return routes;
};
