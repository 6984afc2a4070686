import { PayGateError } from '@paygate/domain';
import { isRoleName, ROLE_NAMES, type RoleFactory, type RoleName } from './role.ts';

export type RoleRegistry = {
  register(name: RoleName, factory: RoleFactory): void;
  get(name: RoleName): RoleFactory | undefined;
  /** Registered role names, in start order. */
  registered(): RoleName[];
  /**
   * Checks a requested role list (e.g. from `--roles`) and returns it in start order. Throws a
   * `validation` PayGateError naming an unknown role or one this build has no factory for.
   */
  resolve(requested: readonly string[]): RoleName[];
};

export const createRoleRegistry = (): RoleRegistry => {
  const factories = new Map<RoleName, RoleFactory>();
  const registered = () => ROLE_NAMES.filter((name) => factories.has(name));
  return {
    register(name, factory) {
      if (!isRoleName(name)) throw new PayGateError('validation', `unknown role "${String(name)}" (roles: ${ROLE_NAMES.join(', ')})`);
      if (factories.has(name)) throw new PayGateError('conflict', `role "${name}" is already registered`);
      factories.set(name, factory);
    },
    get: (name) => factories.get(name),
    registered,
    resolve(requested) {
      if (requested.length === 0) throw new PayGateError('validation', 'no role given');
      for (const name of requested) {
        if (!isRoleName(name))
          throw new PayGateError('validation', `unknown role "${name}" (roles: ${ROLE_NAMES.join(', ')})`);
        if (!factories.has(name))
          throw new PayGateError(
            'validation',
            `role "${name}" is not available in this build yet (available: ${registered().join(', ') || 'none'})`,
          );
      }
      return ROLE_NAMES.filter((name) => requested.includes(name));
    },
  };
};

/** The registry `paygate start` uses. Roles register themselves in runtime/roles/index.ts. */
export const roleRegistry: RoleRegistry = createRoleRegistry();

export const registerRole = (name: RoleName, factory: RoleFactory): void => roleRegistry.register(name, factory);
