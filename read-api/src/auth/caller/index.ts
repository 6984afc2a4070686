// The authenticated caller and what it may read.
export * from './caller.ts';
export * from './authenticate-caller.ts';
export * from './caller-scope.ts';
