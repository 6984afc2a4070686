import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { donorThanksDecider, parseDonorThanksEvent, type DonorThanksEvent, type RecordDonorThanked } from './donor-thanks.ts';

const given = deciderSpec(donorThanksDecider, { validateEvent: parseDonorThanksEvent });
const at = '2026-01-02T00:00:00.000Z';
const data = { donorId: '7', channelId: 'ch1', paymentId: '5001', causeEventId: 'ev1', delivery: 'sent' as const, messageId: 3, thankedAt: at };
const command: RecordDonorThanked = { type: 'RecordDonorThanked', data };
const thanked: DonorThanksEvent = { type: 'DonorThanked', data };

describe('donor thanks', () => {
  it('is recorded once', () => given([]).when(command).then([thanked]));
  it('a repeat records nothing', () => given([thanked]).when(command).then([]));
  it('a blocked donor is recorded without a message', () => {
    const { messageId: _m, ...blocked } = data;
    given([]).when({ type: 'RecordDonorThanked', data: { ...blocked, delivery: 'blocked' } }).then([{ type: 'DonorThanked', data: { ...blocked, delivery: 'blocked' } }]);
  });
});
