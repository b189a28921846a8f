import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CI_COMMANDS, ciCommand, REHEARSAL_OPTIONS } from '../../rehearsal/ci-commands';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The text of a `## ...`/`### ...` section, up to the next heading of any level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`infra/README.md has no section '${heading}'`);
  const rest = README.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,6} /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Commands of the section's first ```sh block, comments removed. */
function shBlock(text: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('no ```sh block');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe('the infra README and the deploy rehearsal run the same CI commands', () => {
  it("the CI block is exactly the rehearsal's command list, in order", () => {
    const documented = shBlock(section('### CI (non-interactive)'));
    expect(documented).toEqual(Object.values(CI_COMMANDS).map((args) => args.join(' ')));
  });

  it('the rehearsal section names every option the rehearsal adds', () => {
    const text = section('### The deploy rehearsal: `pnpm test:deploy`');
    for (const options of Object.values(REHEARSAL_OPTIONS))
      expect(text).toContain(`\`${options.join(' ')}\``);
  });

  it('the deploy section uses the same bootstrap and deploy scripts', () => {
    const text = section('## Deploy an environment');
    expect(text).toContain('`pnpm run bootstrap <env>`');
    expect(text).toContain('`pnpm run deploy <env>`');
    const root = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'),
    );
    expect(root.scripts.bootstrap).toBe(['pnpm', ...CI_COMMANDS.bootstrap.slice(1, -1)].join(' '));
    expect(root.scripts.deploy).toContain(CI_COMMANDS.deploy.slice(0, 5).join(' '));
  });

  it('ciCommand fills in the environment and the output directory', () => {
    expect(ciCommand('deploy', '/tmp/x/dev.json', '/tmp/out')).toEqual([
      'pnpm',
      [
        '--filter',
        '@cognito-tenancy/infra',
        'run',
        'deploy',
        '/tmp/x/dev.json',
        '--skip-synth',
        '--auto-approve',
        '--output',
        '/tmp/out',
      ],
    ]);
    expect(ciCommand('build', '')).toEqual(['pnpm', ['run', 'build']]);
  });
});
