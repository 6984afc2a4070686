import { PayGateError } from '@paygate/domain';
import { getAddress, Interface } from 'ethers';
import type { TokenConfig } from '../token-table.ts';
import { createJsonRpc } from '../json-rpc.ts';
import { compileTestToken } from './compile-test-token.ts';
import { createSandboxWallet } from './sandbox-wallet.ts';

/** A token to deploy: the registry code it stands for, and its on-chain symbol and decimals. */
export type SandboxTokenSpec = { readonly code: string; readonly symbol: string; readonly decimals: number };

/** Minted to the deployer: 10^12 whole tokens, far more than any sandbox flow moves. */
const SUPPLY_WHOLE_TOKENS = 10n ** 12n;

/**
 * Deploys one TestToken per spec from `deployerKey` and mints the deployer a large supply. Returns
 * the tokens by registry code, in the shape the host chain and the sandbox settlement take.
 */
export const deploySandboxTokens = async (
  rpcUrl: string,
  deployerKey: string,
  specs: readonly SandboxTokenSpec[],
): Promise<Record<string, TokenConfig>> => {
  const { abi, bytecode } = compileTestToken();
  const token = new Interface(abi);
  const deployer = createSandboxWallet(createJsonRpc({ url: rpcUrl, timeoutMs: 10_000 }), deployerKey);
  const deployed: Record<string, TokenConfig> = {};
  for (const spec of specs) {
    const constructorArgs = token.encodeDeploy([`Sandbox ${spec.symbol}`, spec.symbol, spec.decimals]);
    const { contractAddress } = await deployer.send({ data: bytecode + constructorArgs.slice(2) });
    if (contractAddress === undefined) throw new PayGateError('internal', `The ${spec.code} deployment created no contract.`);
    const address = getAddress(contractAddress);
    await deployer.send({ to: address, data: token.encodeFunctionData('mint', [deployer.address, SUPPLY_WHOLE_TOKENS * 10n ** BigInt(spec.decimals)]) });
    deployed[spec.code] = { address, decimals: spec.decimals };
  }
  return deployed;
};
