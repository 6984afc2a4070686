import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { onShutdownSignals, resolveRoleNames, startRoles, type Role } from './index.ts';

const logger = createLogger({ level: 'silent' });

const recordingRole = (name: string, events: string[], { failStart = false, failStop = false } = {}): Role => ({
  name,
  start: async () => {
    if (failStart) throw new Error(`${name} cannot start`);
    events.push(`start ${name}`);
  },
  stop: async () => {
    events.push(`stop ${name}`);
    if (failStop) throw new Error(`${name} cannot stop`);
  },
});

describe('resolveRoleNames', () => {
  it('puts requested roles into start order and rejects unknown ones or none', () => {
    expect(resolveRoleNames(['api', 'relay'])).toEqual(['relay', 'api']);
    expect(resolveRoleNames(['bot', 'api', 'workers', 'relay', 'projector'])).toEqual(['projector', 'relay', 'workers', 'api', 'bot']);
    expect(() => resolveRoleNames(['api', 'web'])).toThrow('unknown role "web" (roles: projector, relay, workers, api, bot)');
    expect(() => resolveRoleNames([])).toThrow('no role given');
  });
});

describe('startRoles', () => {
  it('starts in order and stops in reverse, once', async () => {
    const events: string[] = [];
    const running = await startRoles([recordingRole('projector', events), recordingRole('relay', events)], logger);
    await Promise.all([running.stop(), running.stop()]);
    expect(events).toEqual(['start projector', 'start relay', 'stop relay', 'stop projector']);
  });

  it('stops the api last: the bot and the workers finish their calls to the sandboxes it serves first', async () => {
    const events: string[] = [];
    const names = ['projector', 'relay', 'workers', 'api', 'bot'];
    const running = await startRoles(names.map((name) => recordingRole(name, events)), logger);
    await running.stop();
    expect(events.filter((event) => event.startsWith('stop'))).toEqual(['stop bot', 'stop workers', 'stop relay', 'stop projector', 'stop api']);
  });

  it('stops the roles already started when one fails to start', async () => {
    const events: string[] = [];
    await expect(
      startRoles([recordingRole('relay', events), recordingRole('workers', events), recordingRole('api', events, { failStart: true })], logger),
    ).rejects.toThrow('api cannot start');
    expect(events).toEqual(['start relay', 'start workers', 'stop workers', 'stop relay']);
  });

  it('keeps stopping the others when one fails to stop, and reports it', async () => {
    const events: string[] = [];
    const running = await startRoles([recordingRole('relay', events), recordingRole('api', events, { failStop: true })], logger);
    expect(await running.stop()).toEqual({ failed: ['api'] });
    expect(events).toContain('stop relay');
  });
});

describe('onShutdownSignals', () => {
  it('runs the shutdown once on the first signal and forces exit on the second', async () => {
    let shutdowns = 0;
    const exits: number[] = [];
    let finish!: () => void;
    const remove = onShutdownSignals({
      logger,
      onShutdown: () => {
        shutdowns += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      forceExit: (code) => void exits.push(code),
    });
    try {
      process.emit('SIGTERM');
      expect(shutdowns).toBe(1);
      expect(exits).toEqual([]);
      process.emit('SIGINT');
      expect(shutdowns).toBe(1);
      expect(exits).toEqual([130]);
      finish();
    } finally {
      remove();
    }
  });

  it('forces exit when the shutdown overruns its time limit', async () => {
    const exits: number[] = [];
    const remove = onShutdownSignals({
      logger,
      onShutdown: () => new Promise<void>(() => {}),
      forceExit: (code) => void exits.push(code),
      timeoutMs: 20,
    });
    try {
      process.emit('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(exits).toEqual([143]);
    } finally {
      remove();
    }
  });
});
