import { PayGateError, type HostChain, type PayoutExchange } from '@paygate/domain';

/**
 * The gateways before they exist: the sandbox's chain and exchange are known only once started
 * (a port, a deployed token), but the object graph is built without I/O. Each call goes to the
 * current one, or fails as unavailable (retried like any outage) until it is there.
 */
export type Slot<T> = { set(value: T | undefined): void; get(): T };

export const slot = <T>(what: string): Slot<T> => {
  let value: T | undefined;
  return {
    set: (next) => void (value = next),
    get: () => {
      if (value === undefined) throw new PayGateError('unavailable', `${what} is not started`);
      return value;
    },
  };
};

export const exchangeIn = (current: Slot<PayoutExchange>): PayoutExchange => ({
  quoteFixedRate: (from, to) => current.get().quoteFixedRate(from, to),
  estimateStandard: (from, to) => current.get().estimateStandard(from, to),
  minimumAmount: (from, to) => current.get().minimumAmount(from, to),
  createExchange: (request) => current.get().createExchange(request),
  exchangeStatus: (id) => current.get().exchangeStatus(id),
});

export const chainIn = (current: Slot<HostChain>, network: string): HostChain => ({
  network,
  get address() {
    return current.get().address;
  },
  get currencies() {
    return current.get().currencies;
  },
  pendingNonce: () => current.get().pendingNonce(),
  balanceOf: (currency) => current.get().balanceOf(currency),
  maxTransferCost: (currency) => current.get().maxTransferCost(currency),
  signTransfer: (request) => current.get().signTransfer(request),
  broadcast: (raw) => current.get().broadcast(raw),
  transferStatus: (hashes, confirmations) => current.get().transferStatus(hashes, confirmations),
});
