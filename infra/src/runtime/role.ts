import { PayGateError } from '@paygate/domain';

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

/** One factory per role, from the composition root. Nothing runs until a built role starts. */
export type RoleFactories = Readonly<Record<RoleName, () => Role>>;

/**
 * Checks a requested role list (e.g. from `--roles`) and returns it in start order. Throws a
 * `validation` PayGateError naming an unknown role. Pure: `start` checks before opening anything.
 */
export const resolveRoleNames = (requested: readonly string[]): RoleName[] => {
  if (requested.length === 0) throw new PayGateError('validation', 'no role given');
  const unknown = requested.find((name) => !isRoleName(name));
  if (unknown !== undefined) throw new PayGateError('validation', `unknown role "${unknown}" (roles: ${ROLE_NAMES.join(', ')})`);
  return ROLE_NAMES.filter((name) => requested.includes(name));
};
