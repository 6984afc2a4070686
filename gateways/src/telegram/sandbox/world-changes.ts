/**
 * Where the world changes, so a kept world knows when to save: after every Bot API call and
 * every control action. Updates the bot receives are counted by the queue itself.
 */
import type { ApiDispatcher } from './api-routes.ts';
import type { TelegramSandboxControl } from './control/control.ts';
import type { SandboxInspection } from './control/inspection.ts';

/** Every Bot API call may change the world (a getUpdates confirms updates): each one schedules a save. */
export const persistingDispatcher = (dispatcher: ApiDispatcher, changed: () => void): ApiDispatcher => ({
  callLog: dispatcher.callLog,
  async dispatch(method, params, signal) {
    try {
      return await dispatcher.dispatch(method, params, signal);
    } finally {
      changed();
    }
  },
});

/** The control actions (everything but the read-only inspection) schedule a save after they ran. */
export const persistingControl = (control: TelegramSandboxControl, inspection: SandboxInspection, changed: () => void): TelegramSandboxControl => {
  const wrapped: Record<string, unknown> = { ...control };
  for (const [name, value] of Object.entries(control)) {
    if (typeof value !== 'function' || name in inspection) continue;
    wrapped[name] = (...args: unknown[]) => {
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } finally {
        changed();
      }
    };
  }
  return wrapped as TelegramSandboxControl;
};
