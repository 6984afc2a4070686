// NOWPayments: IPN verification, payload schema and its mapping to a notice, exact decimals, API client and HTTP sandbox.
export * from './canonical-json.ts';
export * from './decimal.ts';
export * from './json-depth.ts';
export * from './ipn-signature.ts';
export * from './ipn-payload.ts';
export * from './ipn-notice.ts';
export * from './client/index.ts';
export * from './sandbox/index.ts';
