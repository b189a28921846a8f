/**
 * The SSM operations the stand-in speaks, with the real service's inputs, outputs and
 * errors: GetParameter, GetParameters, GetParametersByPath (ssm-reads.ts), PutParameter,
 * DeleteParameter and DeleteParameters (ssm-writes.ts).
 */
import type { SsmInput } from './ssm-errors';
import { getParameter, getParameters, getParametersByPath } from './ssm-reads';
import type { ParameterStore } from './ssm-store';
import { deleteParameter, deleteParameters, putParameter } from './ssm-writes';

/** Where the stand-in pretends to be (used in ARNs). */
export interface SsmIdentity {
  readonly region: string;
  readonly accountId: string;
}

export type Operation = (store: ParameterStore, input: SsmInput, identity: SsmIdentity) => unknown;

/** Operation name (the part after `AmazonSSM.` in `X-Amz-Target`) -> implementation. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ['GetParameter', getParameter],
  ['GetParameters', getParameters],
  ['GetParametersByPath', getParametersByPath],
  ['PutParameter', putParameter],
  ['DeleteParameter', deleteParameter],
  ['DeleteParameters', deleteParameters],
]);
