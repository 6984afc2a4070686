#!/usr/bin/env node
// The `paygate` command. Run it as `npm run paygate -- <command>` or `npm exec -- node infra/bin/paygate.ts`
// (Node 24 from the project's devDependencies runs TypeScript directly).
import { createDefaultCommandRegistry, processIo, runCli } from '../src/cli/index.ts';

const code = await runCli(process.argv.slice(2), processIo(), createDefaultCommandRegistry());
process.exitCode = code;
// Normally the process ends by itself here. If a library left a handle open, do not hang.
setTimeout(() => process.exit(code), 5_000).unref();
