import { PayGateError } from '@paygate/domain';
import { positionText, type ChainPosition } from './problems.ts';

/**
 * The chain's hash at a position, noted at a time. Kept outside PayGate (printed, mailed, stored
 * elsewhere), it pins everything up to that position: a log rewritten before it, even with every
 * hash recomputed, no longer reaches the same hash there.
 */
export type Anchor = {
  position: ChainPosition;
  /** Lower-case hex of the chain hash of the event at `position`. */
  chainHash: string;
  /** When the anchor was taken (ISO 8601). */
  at: string;
  /** Events in the log up to and including `position`, when known. */
  events?: number;
};

const HEX_HASH = /^[0-9a-f]{64}$/;
const DIGITS = /^\d{1,19}$/;

const bigintField = (value: unknown, name: string, line: number): bigint => {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !DIGITS.test(text)) throw new PayGateError('validation', `anchors line ${line}: ${name} must be a non-negative whole number`);
  return BigInt(text);
};

/** One anchor from its JSON form (`anchorJson`); a clear error naming the line otherwise. */
export const parseAnchor = (text: string, line: number): Anchor => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PayGateError('validation', `anchors line ${line}: not JSON`);
  }
  if (typeof value !== 'object' || value === null) throw new PayGateError('validation', `anchors line ${line}: not an object`);
  const { position, chainHash, at, events } = value as Record<string, unknown>;
  if (typeof position !== 'object' || position === null) throw new PayGateError('validation', `anchors line ${line}: position must be {"commit", "prepare"}`);
  const { commit, prepare } = position as Record<string, unknown>;
  if (typeof chainHash !== 'string' || !HEX_HASH.test(chainHash)) throw new PayGateError('validation', `anchors line ${line}: chainHash must be 64 lower-case hex digits`);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new PayGateError('validation', `anchors line ${line}: at must be an ISO 8601 time`);
  if (events !== undefined && (typeof events !== 'number' || !Number.isSafeInteger(events) || events < 0))
    throw new PayGateError('validation', `anchors line ${line}: events must be a non-negative whole number`);
  return {
    position: { commit: bigintField(commit, 'position.commit', line), prepare: bigintField(prepare, 'position.prepare', line) },
    chainHash,
    at,
    ...(events === undefined ? {} : { events }),
  };
};

/** Anchors from JSON lines (blank lines skipped), in log order. */
export const parseAnchors = (text: string): Anchor[] =>
  text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => parseAnchor(line, number))
    .sort((a, b) => comparePosition(a.position, b.position));

export const comparePosition = (a: ChainPosition, b: ChainPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

/** The anchor as one JSON line's object: positions as decimal strings. */
export const anchorJson = (anchor: Anchor) => ({
  position: { commit: anchor.position.commit.toString(), prepare: anchor.position.prepare.toString() },
  chainHash: anchor.chainHash,
  at: anchor.at,
  ...(anchor.events === undefined ? {} : { events: anchor.events }),
});

export const anchorLine = (anchor: Anchor): string => JSON.stringify(anchorJson(anchor));

export const anchorText = (anchor: Anchor): string =>
  `anchor position ${positionText(anchor.position)}  chain ${anchor.chainHash}${anchor.events === undefined ? '' : `  events ${anchor.events}`}  at ${anchor.at}`;
