import { createIpnReconciler, startReconcileTimer, type ReconcileTimer, type RecordIpn } from '@paygate/commands';
import { createReconcileSource, DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';
import type { Logger } from '../logging/index.ts';
import type { NowPaymentsSetup } from './nowpayments-gateway.ts';

export type IpnReconcilerSetup = {
  /** Starts the timer; the workers role runs it under a leader lock, in one process at a time. */
  start(): ReconcileTimer;
};

/**
 * The lost-IPN reconciler wired from its parts: the payments and invoices read models say what
 * waits, NOWPayments (or its sandbox) says what it is now, and recordIpn records it as the IPN
 * would have been. It runs every `intervalMs` (default: a fifth of IPN_RECONCILE_AFTER_MINUTES, at
 * least a minute), so a lost IPN is noticed between `afterMinutes` and 1.2 × `afterMinutes`.
 */
export const createIpnReconcilerSetup = (deps: {
  recordIpn: RecordIpn;
  readModels: AnyKysely;
  nowPayments: Pick<NowPaymentsSetup, 'statuses'>;
  afterMinutes: number;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): IpnReconcilerSetup => {
  const logger = deps.logger.child({ component: 'ipn-reconciler' });
  const reconciler = createIpnReconciler({
    recordIpn: deps.recordIpn,
    source: createReconcileSource(deps.readModels, DEFAULT_READ_MODEL_SCHEMA),
    nowPayments: deps.nowPayments.statuses,
    afterMinutes: deps.afterMinutes,
    logger,
  });
  const intervalMs = deps.intervalMs ?? Math.max(60_000, (deps.afterMinutes * 60_000) / 5);
  return {
    start: () =>
      startReconcileTimer({
        reconciler,
        clock: deps.clock,
        intervalMs,
        logger,
        onRun: (summary) => {
          if (summary.recorded > 0 || summary.failed > 0) logger.info(summary, 'IPN reconciliation');
        },
      }),
  };
};
