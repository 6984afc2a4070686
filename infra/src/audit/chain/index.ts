export { anchorJson, anchorLine, anchorText, parseAnchors, type Anchor } from './anchors.ts';
export { createChainVerifier, type ChainReport, type ChainVerifierOptions, type LogHead } from './chain-verifier.ts';
export { eventContentHash, GENESIS, link, type ChainRow } from './event-content.ts';
export { describeProblem, positionText, type ChainPosition, type ChainProblem, type ProblemKind } from './problems.ts';
export { currentAnchor, DEFAULT_ANCHOR_EVERY, verifyLog, type VerifyLogOptions } from './verify-log.ts';
