import { errorLine } from '@cognito-tenancy/bench/infra-bench';
import { describe, expect, it } from '@jest/globals';

describe('errorLine', () => {
  it('picks the error out of a Node stack trace', () => {
    const output = [
      '/work/infra/src/constructs/tenancy-api.ts:120',
      '          uri: fn.invokeArn,',
      '                  ^',
      '',
      "TypeError: Cannot read properties of undefined (reading 'invokeArn')",
      '    at TenancyApi (/work/infra/src/constructs/tenancy-api.ts:120:19)',
      '',
      'Node.js v22.23.3',
    ].join('\n');
    expect(errorLine(output)).toBe("TypeError: Cannot read properties of undefined (reading 'invokeArn')");
  });

  it('picks terraform and synth error lines', () => {
    expect(errorLine('Initializing...\n│ Error: Unsupported argument\n│ on cdk.tf.json line 3')).toBe(
      '│ Error: Unsupported argument',
    );
    expect(errorLine('synth failed: tenants[2].hosts: duplicate\n')).toBe(
      'synth failed: tenants[2].hosts: duplicate',
    );
  });

  it('says so when there is no output', () => {
    expect(errorLine('\n  \n')).toBe('(no output)');
  });
});
