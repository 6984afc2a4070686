import { authOperations } from './auth-operations.ts';
import type { ApiOperation } from './operation-types.ts';
import { readOperations } from './read-operations.ts';
import { reportOperations } from './report-operations.ts';

export type { ApiOperation, OperationSuccess, ProblemStatus } from './operation-types.ts';

/** Every operation the read API serves, in the order the document lists them. */
export const apiOperations: readonly ApiOperation[] = [...authOperations, ...readOperations, ...reportOperations];
