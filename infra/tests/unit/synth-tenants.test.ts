/** `synth --tenant`: which selections are refused, and that each refusal names the fix. */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import type { LoadedEnvironment } from '../../src/environments';
import { checkSynthTenants } from '../../src/synth-tenants';
import { rawEnvironment } from '../support/variant-stack';

function loaded(raw: Record<string, unknown>, source: string): LoadedEnvironment {
  return { environment: parseEnvironment(raw, source, '.'), source };
}

const { hosting: _hosting, ...dev } = rawEnvironment('dev') as Record<string, unknown>;
const [first, ...rest] = dev.tenants as { id: string }[];
const layout = loaded(
  { ...dev, tenantStacks: true, tenants: rest, retiredTenants: [first?.id] },
  'layout.json',
);
const oneStack = loaded(dev, 'one-stack.json');
const message = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'not refused';
};

describe('synth --tenant', () => {
  it('takes the tenants and the retired tenants of one tenant-stacks environment', () => {
    expect(() => checkSynthTenants([layout], [rest[0]?.id as string, first?.id as string])).not.toThrow();
    expect(() => checkSynthTenants([oneStack, layout], [])).not.toThrow();
  });

  it('refuses an id the file does not have, naming it', () => {
    expect(message(() => checkSynthTenants([layout], ['nope', rest[0]?.id as string]))).toMatch(
      /layout\.json.*--tenant nope: not in "tenants" or "retiredTenants"; add the tenant to the file first/s,
    );
  });

  it('refuses a one-stack environment and more than one environment', () => {
    expect(message(() => checkSynthTenants([oneStack], [rest[0]?.id as string]))).toMatch(
      /one-stack\.json.*--tenant needs "tenantStacks": true/s,
    );
    expect(message(() => checkSynthTenants([layout, layout], [rest[0]?.id as string]))).toContain(
      'name exactly one environment (got 2)',
    );
  });
});
