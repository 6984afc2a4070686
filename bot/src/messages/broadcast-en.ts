import type { BroadcastMessageParams } from './broadcast-catalogue.ts';

export const broadcastEn: { readonly [Key in keyof BroadcastMessageParams]: (params: BroadcastMessageParams[Key]) => string } = {
  broadcastPlaceholder: () => '',
};
