// The ChangeNOW API v2 simulator: Hono routes, control API and the settlement port it pays through.
export * from './simulator.ts';
export * from './settlement.ts';
export type { ChangeNowSimulatorControl, SimulatedExchangeView } from './simulator-control.ts';
export { FORCED_OUTCOMES, type ForcedOutcome, type SimulatedExchange } from './exchange-flow.ts';
export { DEFAULT_USD_RATES, QUOTE_DECIMALS, type SandboxCurrency } from './market.ts';
export type { FaultState } from './faults.ts';
