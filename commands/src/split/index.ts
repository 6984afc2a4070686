// The split manager: PaymentReceived → SplitCalculated (stream `split-<paymentId>`).
export * from './split-manager.ts';
