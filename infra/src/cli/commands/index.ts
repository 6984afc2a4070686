import type { Command } from '../command.ts';
import { createCommandRegistry, type CommandRegistry } from '../registry.ts';
import { migrateCommand } from './migrate.ts';
import { startCommand } from './start.ts';

/** The commands `paygate` ships. Add one file per command in this folder and list it here. */
export const BUILT_IN_COMMANDS: readonly Command[] = [startCommand, migrateCommand];

export const createDefaultCommandRegistry = (): CommandRegistry => createCommandRegistry(BUILT_IN_COMMANDS);

export { startCommand, migrateCommand };
