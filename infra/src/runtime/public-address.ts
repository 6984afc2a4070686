import type { Platform } from './platform.ts';

const listening = new WeakMap<Platform, string>();

/** The api role records where it listens; PAYGATE_PUBLIC_URL, when set, still wins. */
export const recordApiUrl = (platform: Platform, url: string): void => {
  listening.set(platform, url.replace(/\/+$/, ''));
};

/**
 * The base URL outsiders use to reach this PayGate (NOWPayments callbacks, checkout links).
 * Without PAYGATE_PUBLIC_URL it is the api role's real address, so PORT=0 works too.
 */
export const publicUrl = (platform: Platform): string =>
  platform.config.publicUrlConfigured ? platform.config.publicUrl : (listening.get(platform) ?? platform.config.publicUrl);

/** Where this process's api role listens (loopback form), if it runs one. */
export const localApiUrl = (platform: Platform): string | undefined => listening.get(platform);
