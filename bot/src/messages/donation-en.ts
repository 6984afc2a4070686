import type { DonationMessageParams } from './donation-catalogue.ts';

export const donationEn: { readonly [Key in keyof DonationMessageParams]: (params: DonationMessageParams[Key]) => string } = {
  donationPlaceholder: () => '',
};
