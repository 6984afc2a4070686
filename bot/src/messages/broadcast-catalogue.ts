/** The broadcast texts' keys and parameters (see bot-catalogue.ts). */
export type BroadcastMessageParams = {
  broadcastPlaceholder: Record<string, never>;
};
