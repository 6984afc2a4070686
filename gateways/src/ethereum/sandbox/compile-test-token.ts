import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PayGateError } from '@paygate/domain';
import type { InterfaceAbi } from 'ethers';

/** TestToken's ABI and creation bytecode. */
export type CompiledContract = { readonly abi: InterfaceAbi; readonly bytecode: string };

type SolcOutput = {
  errors?: { severity: string; formattedMessage?: string; message: string }[];
  contracts?: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
};

// solc-js is CommonJS with the compiler (soljson.js, wasm) inside the package: compiles offline.
const require = createRequire(import.meta.url);
const SOURCE_FILE = 'TestToken.sol';
let compiled: CompiledContract | undefined;

const compileNow = (source: string): CompiledContract => {
  const solc = require('solc') as { compile(input: string): string; version(): string };
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_FILE]: { content: source } },
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { TestToken: ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((entry) => entry.severity === 'error');
  const contract = output.contracts?.[SOURCE_FILE]?.TestToken;
  if (errors.length > 0 || contract === undefined) {
    throw new PayGateError('internal', `TestToken.sol does not compile: ${errors.map((entry) => entry.formattedMessage ?? entry.message).join('\n')}`);
  }
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
};

/**
 * Compiles contracts/TestToken.sol with solc-js, once per process. Compiling takes seconds, so the
 * artifact is also cached under the OS temp folder, keyed by the source's hash (and solc's version):
 * a changed contract is compiled afresh.
 */
export const compileTestToken = (): CompiledContract => {
  if (compiled !== undefined) return compiled;
  const source = readFileSync(new URL(`./contracts/${SOURCE_FILE}`, import.meta.url), 'utf8');
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  const key = createHash('sha256').update(solcVersion).update('\0').update(source).digest('hex').slice(0, 32);
  const cacheFile = path.join(os.tmpdir(), 'paygate-solc-cache', `TestToken-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledContract;
    if (Array.isArray(cached.abi) && typeof cached.bytecode === 'string' && cached.bytecode.startsWith('0x')) return (compiled = cached);
  } catch {
    // No usable cache: compile.
  }
  compiled = compileNow(source);
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    // Written aside and renamed, so a concurrent reader never sees half a file.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(compiled));
    renameSync(partial, cacheFile);
  } catch {
    // The cache is an optimisation only.
  }
  return compiled;
};
