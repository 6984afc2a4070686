export * from './handle-command.ts';
