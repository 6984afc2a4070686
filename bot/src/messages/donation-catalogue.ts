/** The donation texts' keys and parameters (see bot-catalogue.ts). */
export type DonationMessageParams = {
  donationPlaceholder: Record<string, never>;
};
