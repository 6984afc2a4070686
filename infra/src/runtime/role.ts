import type { Platform } from './platform.ts';

/** The process roles one `paygate` binary can run; `start` launches them in this order. */
export const ROLE_NAMES = ['projector', 'relay', 'workers', 'api', 'bot'] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

export const isRoleName = (name: string): name is RoleName => (ROLE_NAMES as readonly string[]).includes(name);

/**
 * A unit of work a process runs. `start` resolves once the role is serving (listening,
 * consuming); `stop` stops taking new work, finishes or hands back in-flight work, then resolves.
 */
export type Role = {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Roles that listen say where, once started (the CLI prints it). */
  url?(): string | undefined;
};

/** Builds a role from the shared platform. Nothing runs until `start`. */
export type RoleFactory = (platform: Platform) => Role | Promise<Role>;
