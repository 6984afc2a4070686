import { DONATION_CURRENCY, parseDonationAmount, type Money } from '@paygate/domain';

/**
 * A donation amount as a donor or owner types it: "12.50", "$12.5", "12.50 USD". The currency
 * sign or code is dropped; the rest is read exactly by the domain's rules (minimum, maximum,
 * decimals), which throw PayGateError('validation') naming the limit broken.
 */
export const readDonationAmount = (text: string): Money => {
  const bare = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(new RegExp(`\\s*${DONATION_CURRENCY}$`, 'i'), '');
  return parseDonationAmount(bare, DONATION_CURRENCY);
};
