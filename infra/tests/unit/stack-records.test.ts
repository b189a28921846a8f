import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { inBatches, outputDir } from '../../src/deploy-stacks';
import { configHash, parseStackRecord, recordKey } from '../../src/stack-records';

const record = {
  stack: 'dev--acme',
  configHash: 'a'.repeat(64),
  version: '0.1.0',
  deployedAt: '2026-12-05T13:00:00Z',
};

describe('stack records', () => {
  it('sits beside the state object', () => {
    expect(recordKey({ key: 'cognito-tenancy/dev/tenants/acme/terraform.tfstate' })).toBe(
      'cognito-tenancy/dev/tenants/acme/deployed.json',
    );
    expect(recordKey({ key: 'state.tfstate' })).toBe('deployed.json');
  });

  it('hashes the synthesized configuration, so any change of it is a different record', () => {
    const out = mkdtempSync(join(tmpdir(), 'ct-records-'));
    mkdirSync(join(out, 'stacks', 'dev'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'dev', 'cdk.tf.json'), '{"resource":{}}');
    const before = configHash(out, 'dev');
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(out, 'stacks', 'dev', 'cdk.tf.json'), '{"resource":{"x":{}}}');
    expect(configHash(out, 'dev')).not.toBe(before);
  });

  it('reads a record back and treats anything damaged as no record (the platform is then planned)', () => {
    expect(parseStackRecord(JSON.stringify({ ...record, extra: 1 }))).toEqual(record);
    for (const damaged of [
      'not json',
      'null',
      JSON.stringify({ ...record, configHash: 'short' }),
      JSON.stringify({ ...record, version: 1 }),
      JSON.stringify({ stack: 'dev' }),
    ]) {
      expect(parseStackRecord(damaged)).toBeUndefined();
    }
  });
});

describe('deploy helpers', () => {
  it('finds the output directory cdktf reads', () => {
    expect(outputDir(['--auto-approve'])).toBe('cdktf.out');
    expect(outputDir(['--output', '/tmp/x'])).toBe('/tmp/x');
    expect(outputDir(['-o', 'out'])).toBe('out');
  });

  it('runs in bounded batches and reports the first failure after all ran', async () => {
    const seen: number[] = [];
    let running = 0;
    let most = 0;
    const work = async (n: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      seen.push(n);
      if (n === 2) throw new Error('two');
    };
    await expect(inBatches([1, 2, 3, 4, 5], 2, work)).rejects.toThrow('two');
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
