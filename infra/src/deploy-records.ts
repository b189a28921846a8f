/**
 * What `pnpm run deploy` does with the stack records (stack-records.ts): decide whether
 * `deploy --tenant` may leave the platform out, and record every applied stack afterwards.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stateLocation } from './backend';
import { stateClient } from './bootstrap';
import { inBatches } from './deploy-stacks';
import { tenantOfStack } from './stack-layout';
import { configHash, readStackRecord, writeStackRecord } from './stack-records';

/** Whether `deploy --tenant` may leave the platform out: its recorded configuration is the synthesized one. */
export async function platformDecision(
  env: ResolvedEnvironment,
  out: string,
): Promise<{ skip: boolean; message: string }> {
  const state = stateLocation(env);
  if (state === undefined) return { skip: false, message: 'platform: no remote state, deployed too' };
  const s3 = stateClient(state.region);
  try {
    const record = await readStackRecord(s3, state);
    if (record !== undefined && record.configHash === configHash(out, env.environment)) {
      return {
        skip: true,
        message: `platform ${env.environment}: unchanged since its deploy of ${record.deployedAt} (infra ${record.version}), not planned`,
      };
    }
    return {
      skip: false,
      message: `platform ${env.environment}: ${record === undefined ? 'no deploy record' : 'configuration changed since its last deploy'}, deployed first`,
    };
  } catch (error) {
    return {
      skip: false,
      message: `platform: its deploy record could not be read (${(error as Error).message}), deployed too`,
    };
  } finally {
    s3.destroy();
  }
}

/** After a successful deploy: the record of each applied stack (stack-records.ts). Returns the exit status. */
export async function recordDeployed(
  env: ResolvedEnvironment,
  applied: readonly string[],
  out: string,
  version: string,
): Promise<number> {
  const platformState = stateLocation(env);
  if (platformState === undefined) return 0;
  const s3 = stateClient(platformState.region);
  const deployedAt = new Date().toISOString();
  try {
    await inBatches(applied, 8, async (stack) => {
      // A retired tenant's empty stack too: its record goes beside its own state, not the platform's.
      const state = stateLocation(env, tenantOfStack(env, stack)) ?? platformState;
      await writeStackRecord(s3, state, { stack, configHash: configHash(out, stack), version, deployedAt });
    });
    process.stderr.write(`deploy records: ${applied.length} stacks (infra ${version})\n`);
    return 0;
  } catch (error) {
    process.stderr.write(
      `deploy applied, but the deploy records were not written: ${(error as Error).message}\n(the next deploy --tenant plans the platform too)\n`,
    );
    return 1;
  } finally {
    s3.destroy();
  }
}
