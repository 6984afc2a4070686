#!/usr/bin/env node
// The `paygate` command. Run it as `npm run paygate -- <command>` or `npm exec -- node infra/bin/paygate.ts`
// (Node 24 from the project's devDependencies runs TypeScript directly).
import { enableCompileCache } from 'node:module';

// Node keeps the stripped and compiled modules in its compile cache (os.tmpdir()/node-compile-cache),
// so every later `paygate` command starts in about half the time. Enabled before the CLI is imported:
// only modules loaded after this call are cached.
enableCompileCache();
const { createDefaultCommandRegistry, processIo, runCli } = await import('../src/cli/index.ts');

const code = await runCli(process.argv.slice(2), processIo(), createDefaultCommandRegistry());
process.exitCode = code;
// Normally the process ends by itself here. If a library left a handle open, do not hang.
setTimeout(() => process.exit(code), 5_000).unref();
