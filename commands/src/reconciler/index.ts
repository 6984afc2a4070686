// Lost IPNs: the reconciler asks NOWPayments about payments and invoices still waiting and records what it says like an IPN.
export * from './reconcile-ports.ts';
export * from './ipn-reconciler.ts';
export * from './reconcile-timer.ts';
