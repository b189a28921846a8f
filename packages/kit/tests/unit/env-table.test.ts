import { describe, expect, it } from '@jest/globals';
import { bool, int, oneOf, optionalString, tableName } from '../../src/env-spec';
import { ENV_TABLE_END, ENV_TABLE_START, envTable, envTableIn } from '../../src/env-table';
import { corsAllowedOrigins } from '../../src/origins';

describe('envTable', () => {
  it('writes one row per variable with its default, allowed values and meaning', () => {
    const table = envTable({
      TABLE: tableName('The table'),
      PREFIX: optionalString({ description: 'A | prefix', hint: 'a path' }),
      COUNT: int({ description: 'A count', default: 5, min: 1, max: 10 }),
      ON: bool({ description: 'A switch', default: false, localOnly: true }),
      MODE: oneOf({ description: 'A mode', values: ['a', 'b'], default: 'a' }),
      ORIGINS: corsAllowedOrigins('Origins'),
    });

    expect(table.split('\n')).toEqual([
      ENV_TABLE_START,
      '| name | default | allowed | meaning |',
      '|---|---|---|---|',
      '| `TABLE` | required | a DynamoDB table name | The table |',
      '| `PREFIX` | none | a path | A \\| prefix |',
      '| `COUNT` | `5` | integer 1-10 | A count |',
      '| `ON` | `false` | `true` / `false` | A switch (local only: refused in AWS Lambda) |',
      '| `MODE` | `a` | `a` / `b` | A mode |',
      '| `ORIGINS` | none | comma-separated list | Origins |',
      ENV_TABLE_END,
    ]);
  });

  it('finds the generated block in a README, or says it is missing', () => {
    const block = envTable({ COUNT: int({ description: 'A count', default: 5, min: 1, max: 10 }) });
    expect(envTableIn(`# x\n\n${block}\n\nmore`)).toBe(block);
    expect(envTableIn('# x')).toBeUndefined();
  });
});
