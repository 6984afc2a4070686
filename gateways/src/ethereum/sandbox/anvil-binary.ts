import { createRequire } from 'node:module';
import path from 'node:path';
import { PayGateError } from '@paygate/domain';

// Each platform's anvil ships as its own npm package (optionalDependencies of @paygate/gateways;
// npm installs the one matching the machine). `require` of the manifest both finds the package and
// reads where its binary is; the literal names let the manifest check see them used.
const require = createRequire(import.meta.url);
type Manifest = { bin?: { anvil?: string } };
const PLATFORM_PACKAGES: Record<string, () => { name: string; manifest: Manifest }> = {
  'linux-x64': () => ({ name: '@foundry-rs/anvil-linux-amd64', manifest: require('@foundry-rs/anvil-linux-amd64/package.json') as Manifest }),
  'linux-arm64': () => ({ name: '@foundry-rs/anvil-linux-arm64', manifest: require('@foundry-rs/anvil-linux-arm64/package.json') as Manifest }),
  'darwin-x64': () => ({ name: '@foundry-rs/anvil-darwin-amd64', manifest: require('@foundry-rs/anvil-darwin-amd64/package.json') as Manifest }),
  'darwin-arm64': () => ({ name: '@foundry-rs/anvil-darwin-arm64', manifest: require('@foundry-rs/anvil-darwin-arm64/package.json') as Manifest }),
};

/** The path of the anvil binary shipped in this platform's npm package. */
export const anvilBinaryPath = (platform: string = process.platform, arch: string = process.arch): string => {
  const load = PLATFORM_PACKAGES[`${platform}-${arch}`];
  if (load === undefined) {
    throw new PayGateError('unavailable', `No anvil package for ${platform}-${arch}: the sandbox chain runs on linux or macOS, x64 or arm64.`);
  }
  let found: { name: string; manifest: Manifest };
  try {
    found = load();
  } catch {
    throw new PayGateError('unavailable', `anvil for ${platform}-${arch} is not installed: run npm install (it is an optional dependency of @paygate/gateways).`);
  }
  const bin = found.manifest.bin?.anvil ?? 'bin/anvil';
  return path.join(path.dirname(require.resolve(`${found.name}/package.json`)), bin);
};
