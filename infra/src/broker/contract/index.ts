export { describeBrokerContract, type BrokerContractContext } from './broker-contract.ts';
