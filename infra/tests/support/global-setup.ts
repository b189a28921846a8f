/**
 * Synthesizes every environment file once, through the real entry point, into a temporary
 * directory that all infra test files read (and the terraform tests validate). The result,
 * success or not, is written next to it so that tests fail with synth's own message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR_VARIABLE } from '../../src/artifacts';
import { environmentNames } from '../../src/environments';
import { createArtifactsFixture } from './artifacts-fixture';
import { runSynth } from './synth-cli';
import { SYNTH_DIR_VARIABLE, type SynthRecord } from './synthesized';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-infra-tests-'));
  const artifactsDir = createArtifactsFixture(join(dir, 'artifacts'));
  const environments = environmentNames();
  const run = await runSynth([...environments, '--out', join(dir, 'out')], {
    [ARTIFACTS_DIR_VARIABLE]: artifactsDir,
  });
  const record: SynthRecord = { environments, artifactsDir, ...run };
  writeFileSync(join(dir, 'synth.json'), JSON.stringify(record));
  process.env[SYNTH_DIR_VARIABLE] = dir;
  process.stdout.write(`\ninfra: synthesized ${environments.join(', ')} in ${run.seconds.toFixed(1)} s\n`);
}
