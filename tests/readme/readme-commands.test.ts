/**
 * Every shell command block of the READMEs runs as written. Tenant commands run in-process
 * (the same runCli `./scripts/pnpmw tenant` runs) against a temporary copy of the repository's
 * environment files, in order, with `~` meaning a temporary home that holds the files the
 * commands name. Commands that run forever, need AWS credentials, the internet, or a terminal
 * are listed in NOT_RUN with the reason, and are still checked: the script exists, the
 * environment exists, the options parse. A command in neither list fails the test, so a new
 * README command must be run here or listed with its reason.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseOptions } from '@cognito-tenancy/local-stack/options';
import { runCli } from '@cognito-tenancy/tenant-tool/cli';
import { describe, expect, it } from '@jest/globals';
import { idpMetadata } from '../tenant/helpers/metadata';
import { certificateAround } from '../tenant/helpers/x509';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = ['README.md', 'infra/README.md'];
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);

interface DocCommand {
  readonly doc: string;
  readonly line: number;
  readonly text: string;
}

/** Commands of the ```sh blocks: continuation lines joined, trailing comments removed. */
export function shellCommands(doc: string, markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  let inBlock = false;
  let pending: { line: number; text: string } | undefined;
  markdown.split('\n').forEach((raw, index) => {
    const fence = /^```(\w*)/.exec(raw);
    if (fence) {
      inBlock = !inBlock && ['sh', 'bash', 'shell'].includes(fence[1] ?? '');
      return;
    }
    if (!inBlock) return;
    const line = stripComment(raw).trimEnd();
    const joined = pending ? `${pending.text} ${line.trim()}` : line.trim();
    const start = pending?.line ?? index + 1;
    if (joined.endsWith('\\')) {
      pending = { line: start, text: joined.slice(0, -1).trimEnd() };
      return;
    }
    pending = undefined;
    if (joined !== '') commands.push({ doc, line: start, text: joined });
  });
  return commands;
}

/** Drops a `# comment` that starts outside quotes after whitespace, as a shell does. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

/** Shell words: quotes group and are removed; a leading `~/` is the given home. */
export function shellWords(command: string, home: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? (match[3] as string);
    words.push(match[3] !== undefined && word.startsWith('~/') ? join(home, word.slice(2)) : word);
  }
  return words;
}

/** The pnpm arguments of `./scripts/pnpmw <args>` or `pnpm <args>`; undefined for other programs. */
function pnpmArgs(words: readonly string[]): string[] | undefined {
  const [program, ...args] = words;
  return program === './scripts/pnpmw' || program === 'pnpm' ? args : undefined;
}

function checkScript(args: readonly string[]): void {
  const name = args[0] === 'run' ? args[1] : args[0];
  expect(SCRIPTS).toContain(name);
}

function checkEnvironments(names: readonly string[]): void {
  for (const name of names.filter((n) => !n.startsWith('-'))) {
    expect(existsSync(join(ROOT, 'infra', 'environments', `${name}.json`))).toBe(true);
  }
}

/** The scripts of infra's manifest. */
function infraScripts(): string[] {
  return Object.keys(
    (JSON.parse(readFileSync(join(ROOT, 'infra', 'package.json'), 'utf8')) as { scripts: object }).scripts,
  );
}

/** Commands not run here, why, and what is checked instead. */
const NOT_RUN: readonly { match: RegExp; reason: string; check: (args: string[]) => Promise<void> | void }[] =
  [
    {
      match: /^start\b/,
      reason: 'runs until Ctrl-C; tests/e2e/start-command.e2e.test.ts starts and stops it',
      check: (args) => {
        checkScript(args);
        expect(() => parseOptions(args.slice(1), ROOT)).not.toThrow();
      },
    },
    {
      match: /^test$/,
      reason: 'the whole suite, this test included',
      check: checkScript,
    },
    {
      match: /^synth\b/,
      reason: 'builds every Lambda and synthesizes (about a minute); infra/tests/synth runs the same synth',
      check: (args) => {
        checkScript(args);
        checkEnvironments(args.slice(1));
      },
    },
    {
      match: /^run (diff|deploy)\b/,
      reason: 'needs AWS credentials for the environment account',
      check: (args) => {
        checkScript(args);
        // `--tenant <id>` names a tenant, not an environment.
        checkEnvironments(args.slice(2).filter((_arg, i, all) => all[i - 1] !== '--tenant'));
      },
    },
    {
      match: /^--filter @cognito-tenancy\/infra sync-issuer-index \S+$/,
      reason:
        'needs AWS credentials; infra/tests/integration/issuer-index-sync.moto.test.ts runs it against moto, and pnpm test:deploy through deploy',
      check: (args) => {
        expect(infraScripts()).toContain(args[2]);
        checkEnvironments(args.slice(3));
      },
    },
    {
      match: /^--filter @cognito-tenancy\/infra migrate <env>( --apply)?$/,
      reason:
        'needs AWS credentials and a deployed one-stack environment; pnpm test:deploy deploys one to moto and runs both forms (infra/rehearsal/tenant-stacks.ts)',
      check: (args) => {
        expect(infraScripts()).toContain(args[2]);
      },
    },
    {
      match: /^run build$/,
      reason: 'bundles every Lambda; pnpm test runs it first and tests/build checks its output',
      check: checkScript,
    },
    {
      match: /^--filter @cognito-tenancy\/infra run (bootstrap|synth|deploy) <env>( |$)/,
      reason:
        'the CI deploy steps need AWS credentials; pnpm test:deploy runs exactly these against moto, and infra/tests/synth runs synth',
      check: (args) => {
        expect(infraScripts()).toContain(args[3]);
      },
    },
    {
      match: /^tenant add \S+$/,
      reason: 'asks in a terminal; tests/tenant/add.test.ts answers its prompts',
      check: async (args) => {
        expect((await tenant([...args.slice(1), '--help'])).code).toBe(0);
      },
    },
  ];

/** Commands run here whose form differs from the text only where the test must (no network). */
const ADAPTED: readonly { match: RegExp; reason: string; adapt: (args: string[]) => string[] }[] = [
  {
    match: /^tenant check .*--fetch/,
    reason: '--fetch downloads metadata from the IdPs over the internet; run without it',
    adapt: (args) => args.filter((a) => a !== '--fetch'),
  },
];

let workspace = '';
let home = '';

async function tenant(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin,
    stdinIsTTY: false,
    cwd: workspace,
    root: workspace,
    now: () => new Date(),
    fetchMetadata: () => Promise.reject(new Error('no network in tests')),
  });
  return { code, stdout, stderr };
}

/** The files the README's commands name, where a user would have them. */
function prepare(): void {
  workspace = mkdtempSync(join(tmpdir(), 'readme-'));
  home = join(workspace, 'home');
  cpSync(join(ROOT, 'infra', 'environments'), join(workspace, 'infra', 'environments'), { recursive: true });
  mkdirSync(join(home, 'Downloads'), { recursive: true });
  // The IdP metadata a customer's admin sent (its own certificate, valid now).
  const certificate = certificateAround(new Date(), -30, 365).base64;
  for (const id of ['hooli', 'initech']) {
    writeFileSync(
      join(home, 'Downloads', `${id}.xml`),
      idpMetadata({ entityId: `https://sts.${id}.example/adfs/services/trust`, certificates: [certificate] }),
    );
  }
  // What `cdktf deploy --outputs-file outputs.json` writes after a deploy of dev.
  writeFileSync(
    join(workspace, 'outputs.json'),
    JSON.stringify({
      dev: {
        shared_pool_id: 'eu-west-1_Shared1',
        shared_pool_client_id: 'sharedclient0123456789abc',
        dedicated_pools: {
          initech: { user_pool_id: 'eu-west-1_Initech1', client_id: 'initechclient0123456789a' },
        },
      },
    }),
  );
}

const commands = DOCS.flatMap((doc) => shellCommands(doc, readFileSync(join(ROOT, doc), 'utf8')));

describe('README command blocks', () => {
  it('finds the command blocks (the extraction itself works)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(
      shellCommands('x', '```sh\na \\\n  b # c\n"d # e"\n```\n```ts\nf\n```').map((c) => c.text),
    ).toEqual(['a b', '"d # e"']);
    expect(shellWords('x "a b" ~/y', '/h')).toEqual(['x', 'a b', '/h/y']);
  });

  it('runs every command as written, in order, or lists why not and checks it', async () => {
    prepare();
    const failures: string[] = [];
    for (const command of commands) {
      const where = `${command.doc}:${command.line}: ${command.text}`;
      const args = pnpmArgs(shellWords(command.text, home));
      if (args === undefined) {
        failures.push(`${where}\n  not a ./scripts/pnpmw command: run it here or list it in NOT_RUN`);
        continue;
      }
      const joined = args.join(' ');
      const skipped = NOT_RUN.find((n) => n.match.test(joined));
      if (skipped) {
        await skipped.check(args);
        continue;
      }
      if (args[0] !== 'tenant') {
        failures.push(`${where}\n  no runner for '${args[0]}': run it here or list it in NOT_RUN`);
        continue;
      }
      const adapted = ADAPTED.find((a) => a.match.test(joined))?.adapt(args) ?? args;
      const result = await tenant(adapted.slice(1));
      if (result.code !== 0)
        failures.push(`${where}\n  exit ${result.code}\n${result.stderr}${result.stdout}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('runs the README CI usage as pure JSON', async () => {
    prepare();
    const result = await tenant(['check', 'dev', '--json', '--strict']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});
