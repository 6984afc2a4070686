// Flows: the commands, webhook and process managers of one business flow, wired together.
export * from './payment-flow.ts';
