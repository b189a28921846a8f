import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envTable, envTableIn } from '@cognito-tenancy/kit/env-table';
import { readEnv } from '@cognito-tenancy/kit/read-env';
import { describe, expect, it } from '@jest/globals';
import { ENV_SPECS } from '../../src/env-spec';

describe('ENV_SPECS', () => {
  it('is the README environment table (regenerate it with envTable(ENV_SPECS) when a spec changes)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(envTableIn(readme)).toBe(envTable(ENV_SPECS));
  });

  it('requires the registry prefix and nothing else', () => {
    expect(() => readEnv('authorizer', ENV_SPECS, {})).toThrow(
      'authorizer configuration: REGISTRY_PREFIX is required (an SSM path such as /cognito-tenancy/dev)',
    );
  });
});
