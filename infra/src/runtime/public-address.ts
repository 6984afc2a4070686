import type { Config } from '../config/index.ts';

/**
 * Where this PayGate is reached. The api role records where it listens once it does (so PORT=0
 * works); a CLI command starts with the address of the api another process runs.
 */
export type PublicAddress = {
  /** The api role, once listening; a trailing slash is dropped. */
  record(url: string): void;
  /**
   * The base URL outsiders use (NOWPayments callbacks, checkout links): PAYGATE_PUBLIC_URL when
   * set, else the api's real address, else the configured default.
   */
  publicUrl(): string;
  /** Where the api listens (loopback form), if this process runs one or knows the running one's. */
  localApiUrl(): string | undefined;
};

export const createPublicAddress = (config: Pick<Config, 'publicUrl' | 'publicUrlConfigured'>, apiUrl?: string): PublicAddress => {
  const trimmed = (url: string) => url.replace(/\/+$/, '');
  let listening = apiUrl === undefined ? undefined : trimmed(apiUrl);
  return {
    record: (url) => {
      listening = trimmed(url);
    },
    publicUrl: () => (config.publicUrlConfigured ? config.publicUrl : (listening ?? config.publicUrl)),
    localApiUrl: () => listening,
  };
};
