import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money, type Money } from '../money/index.ts';
import type { DonationsCommand } from './donation-commands.ts';
import { donationsDecider } from './donation-decider.ts';
import { parseDonationsEvent, type DonationsEvent } from './donation-events.ts';

const given = deciderSpec(donationsDecider, { validateEvent: parseDonationsEvent });
const at = '2026-01-02T00:00:00.000Z';
const usd = (cents: bigint): Money => money(cents, 'USD');
const json = (cents: string) => ({ amount: cents, currency: 'USD', decimals: 2 });

const configure = (data: Partial<Extract<DonationsCommand, { type: 'ConfigureDonations' }>['data']> = {}): DonationsCommand => ({
  type: 'ConfigureDonations',
  data: { channelId: 'ch1', ownerId: '42', requestedBy: '42', presets: [usd(500n), usd(1000n)], postInPublic: false, enabled: true, configuredAt: at, ...data },
});
const post = (data: Partial<Extract<DonationsCommand, { type: 'RecordDonationMessage' }>['data']> = {}): DonationsCommand => ({
  type: 'RecordDonationMessage',
  data: { channelId: 'ch1', chatId: '-1001', messageId: 10, postedAt: at, ...data },
});
const configured = (patch: Partial<Extract<DonationsEvent, { type: 'DonationsConfigured' }>['data']> = {}): DonationsEvent => ({
  type: 'DonationsConfigured',
  data: { channelId: 'ch1', presets: [json('500'), json('1000')], postInPublic: false, enabled: true, configuredBy: '42', configuredAt: at, ...patch },
});
const posted = (messageId = 10, chatId = '-1001'): DonationsEvent => ({ type: 'DonationMessagePosted', data: { channelId: 'ch1', chatId, messageId, postedAt: at } });

describe('donations: ConfigureDonations', () => {
  it('the owner enables donations with presets', () => given([]).when(configure()).then([configured()]));
  it('the same settings again change nothing', () => given([configured()]).when(configure({ configuredAt: '2026-01-03T00:00:00.000Z' })).then([]));
  it('changed presets are recorded', () =>
    given([configured()]).when(configure({ presets: [usd(300n)] })).then([configured({ presets: [json('300')] })]));
  it('changing where it is posted is recorded', () =>
    given([configured()]).when(configure({ postInPublic: true })).then([configured({ postInPublic: true })]));
  it('pausing keeps the presets and is recorded', () =>
    given([configured()]).when(configure({ enabled: false })).then([configured({ enabled: false })]));
  it('pausing again changes nothing', () => given([configured(), configured({ enabled: false })]).when(configure({ enabled: false })).then([]));
  it('resuming paused donations is recorded', () =>
    given([configured({ enabled: false })]).when(configure({ enabled: true })).then([configured({ enabled: true })]));
  it('donations can be set up paused', () => given([]).when(configure({ enabled: false })).then([configured({ enabled: false })]));
  it('an event from before pausing existed (no enabled) means enabled', () => {
    const { enabled: _enabled, ...old } = (configured() as Extract<DonationsEvent, { type: 'DonationsConfigured' }>).data;
    given([{ type: 'DonationsConfigured', data: old }]).when(configure({ enabled: true })).then([]);
    given([{ type: 'DonationsConfigured', data: old }]).when(configure({ enabled: false })).then([configured({ enabled: false })]);
  });
  it('a paused channel still checks its presets', () =>
    given([configured()]).when(configure({ enabled: false, presets: [usd(50n)] })).thenThrows('validation', 'minimum donation'));
  it('only the owner may pause', () => given([configured()]).when(configure({ enabled: false, requestedBy: '43' })).thenThrows('forbidden', 'only the owner'));
  it('only the owner may configure', () => given([]).when(configure({ requestedBy: '43' })).thenThrows('forbidden', 'only the owner'));
  it('needs a registered channel', () => given([]).when(configure({ ownerId: null })).thenThrows('not_found', 'ch1'));
  it('needs at least one preset', () => given([]).when(configure({ presets: [] })).thenThrows('validation', '1 to 6'));
  it('takes at most six presets', () =>
    given([]).when(configure({ presets: [1n, 2n, 3n, 4n, 5n, 6n, 7n].map((d) => usd(d * 100n)) })).thenThrows('validation', '1 to 6'));
  it('each preset is within the limits', () => given([]).when(configure({ presets: [usd(50n)] })).thenThrows('validation', 'minimum donation is 1.00 USD'));
  it('presets above the maximum are refused', () =>
    given([]).when(configure({ presets: [usd(1_000_001n)] })).thenThrows('validation', 'maximum donation is 10000.00 USD'));
  it('presets must be distinct', () => given([]).when(configure({ presets: [usd(500n), usd(500n)] })).thenThrows('validation', 'differ'));
});

describe('donations: RecordDonationMessage', () => {
  it('records where the Donate message was posted', () => given([configured()]).when(post()).then([posted()]));
  it('the same message again changes nothing', () => given([configured(), posted()]).when(post()).then([]));
  it('a re-posted message replaces it', () => given([configured(), posted()]).when(post({ messageId: 11 })).then([posted(11)]));
  it('one message per chat', () => given([configured(), posted()]).when(post({ chatId: '-1002' })).then([posted(10, '-1002')]));
  it('records the message of a paused channel (the bot edits it to say so)', () =>
    given([configured({ enabled: false })]).when(post()).then([posted()]));
  it('needs donations enabled', () => given([]).when(post()).thenThrows('not_found', 'not enabled'));
  it('rejects a malformed chat id', () => given([configured()]).when(post({ chatId: 'abc' })).thenThrows('validation', 'chatId'));
});
