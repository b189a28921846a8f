/** `--skip-synth` after a synth that did not build every stack the command runs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { manifestStacks, skipSynthRefusal } from '../../src/synth-manifest';

const work = mkdtempSync(join(tmpdir(), 'ct-synth-manifest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function outWith(name: string, manifest: string | undefined): string {
  const out = join(work, name);
  mkdirSync(out, { recursive: true });
  if (manifest !== undefined) writeFileSync(join(out, 'manifest.json'), manifest);
  return out;
}

const subset = outWith(
  'subset',
  JSON.stringify({ version: '0.21.0', stacks: { dev: {}, 'dev--hooli': {} } }),
);

describe('skipSynthRefusal', () => {
  it('lets a deploy run the stacks its synth built', () => {
    expect(manifestStacks(subset)).toEqual(['dev', 'dev--hooli']);
    expect(skipSynthRefusal(subset, ['dev', 'dev--hooli'], 'dev')).toBeUndefined();
    expect(skipSynthRefusal(subset, ['dev'], 'dev')).toBeUndefined();
  });

  it('refuses stacks the last synth (synth --tenant) did not build, naming them and the synth', () => {
    const fleet = ['dev', 'dev--hooli', ...Array.from({ length: 7 }, (_, i) => `dev--t${i}`)];
    const why = skipSynthRefusal(subset, fleet, 'dev');
    expect(why).toContain('did not build dev--t0, dev--t1, dev--t2, dev--t3, dev--t4 and 2 more');
    expect(why).toContain(`run pnpm synth dev --out ${subset}`);
  });

  it('refuses an output folder without a manifest, or with one that does not parse', () => {
    expect(skipSynthRefusal(outWith('empty', undefined), ['dev'], 'dev')).toContain('no manifest.json');
    expect(skipSynthRefusal(outWith('broken', '{"stacks":'), ['dev'], 'dev')).toContain('no manifest.json');
    expect(skipSynthRefusal(outWith('null', '{"stacks":null}'), ['dev'], 'dev')).toContain(
      'no manifest.json',
    );
  });
});
