// Provider-neutral HTTP plumbing the gateway clients share.
export * from './provider-request.ts';
