/**
 * Command line of `pnpm start`: which environment, which ports, where state lives.
 * Every port is configurable, because the first question a person asks when one is
 * taken is how to move it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_USERS_FILE } from './demo-users';

/** The parts that listen, in start order. */
export const PARTS = ['ssm', 'dynamodb', 'lambda', 'cognito', 'service', 'gateway', 'web'] as const;
export type Part = (typeof PARTS)[number];

export const DEFAULT_PORTS: Readonly<Record<Part, number>> = {
  web: 4000,
  gateway: 4001,
  ssm: 4002,
  dynamodb: 4003,
  lambda: 4004,
  service: 4005,
  cognito: 9229,
};

export const PART_LABELS: Readonly<Record<Part, string>> = {
  web: 'sign-in page',
  gateway: 'API gateway',
  ssm: 'Parameter Store stand-in',
  dynamodb: 'DynamoDB (dynalite)',
  lambda: 'Lambda Invoke API',
  service: 'sample service',
  cognito: 'cognito-local',
};

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface StackOptions {
  /** Path of the environment file. */
  readonly envFile: string;
  readonly usersFile: string;
  readonly stateDir: string;
  readonly reset: boolean;
  /** Run `pnpm build` first when bundles are missing, instead of stopping. */
  readonly build: boolean;
  readonly ports: Readonly<Record<Part, number>>;
  /** Forward `/{proxy+}` here instead of starting the sample service. */
  readonly serviceUrl: string | undefined;
  /** Overrides the environment's `api.authorizerCacheTtlSeconds`. */
  readonly authorizerCacheTtlSeconds: number | undefined;
  /** The authorizer's revocation cache TTL (forced sign-out); its default (30 s) when absent. */
  readonly revocationCacheTtlSeconds?: number | undefined;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: ./scripts/pnpmw start [options]

Runs the whole system on this machine: emulators, the built Lambda bundles, the API
gateway, a sample service and a sign-in page, seeded from an environment's tenant file.

Options:
  --env <name|path>        environment name (infra/environments/<name>.json) or file; default: demo
  --users <path>           demo users file; default: scripts/local-stack/demo-users.json
  --state <dir>            state folder; default: .local-stack
  --reset                  delete the state folder first (pools, users, parameters, items)
  --build                  build first when a Lambda bundle is missing
  --service-url <url>      forward /{proxy+} to your own service instead of the sample one
  --authorizer-cache-ttl <s>  authorizer result cache TTL; default: the environment's
  --revocation-cache-ttl <s>  the authorizer's revocation cache TTL (0-300); default: 30
  --port-offset <n>        add n to every default port (a second stack: --port-offset 100)
${PARTS.map((p) => `${`  --${p}-port <n>`.padEnd(27)}${PART_LABELS[p]}; default ${DEFAULT_PORTS[p]}`).join('\n')}
  -h, --help               this text
`;

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 65535)) throw new UsageError(`--${name} must be a port number (0-65535)`);
  return value;
}

/** The highest offset that keeps every default port valid (cognito-local's 9229 is the highest). */
export const MAX_PORT_OFFSET = 65535 - Math.max(...Object.values(DEFAULT_PORTS));

function portOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= MAX_PORT_OFFSET))
    throw new UsageError(
      `--port-offset must be a number from 0 to ${MAX_PORT_OFFSET} (added to every default port)`,
    );
  return value;
}

/** Where an environment name or path points. */
export function environmentFile(nameOrPath: string, cwd = process.cwd()): string {
  if (/^[a-z][a-z0-9-]{0,23}$/.test(nameOrPath)) {
    const file = join(REPO_ROOT, 'infra', 'environments', `${nameOrPath}.json`);
    if (existsSync(file) || !existsSync(resolve(cwd, nameOrPath))) return file;
  }
  return isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
}

/** Parses the command line; returns undefined for `--help`. Throws {@link UsageError}. */
export function parseOptions(argv: readonly string[], cwd = process.cwd()): StackOptions | undefined {
  const portOptions = Object.fromEntries(PARTS.map((p) => [`${p}-port`, { type: 'string' as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      // `pnpm start -- --env x` passes the `--` through.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        env: { type: 'string', default: 'demo' },
        users: { type: 'string' },
        state: { type: 'string' },
        reset: { type: 'boolean', default: false },
        build: { type: 'boolean', default: false },
        'service-url': { type: 'string' },
        'authorizer-cache-ttl': { type: 'string' },
        'revocation-cache-ttl': { type: 'string' },
        'port-offset': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        ...portOptions,
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help === true) return undefined;
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const offset = portOffset(text('port-offset'));
  // An explicit --<part>-port wins over the offset: it names the exact port wanted.
  const ports = Object.fromEntries(
    PARTS.map((p) => [p, port(`${p}-port`, text(`${p}-port`), DEFAULT_PORTS[p] + offset)]),
  ) as Record<Part, number>;
  const serviceUrl = text('service-url');
  if (serviceUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(serviceUrl))
    throw new UsageError('--service-url must be an http(s) URL');
  const ttl = text('authorizer-cache-ttl');
  if (ttl !== undefined && !(/^\d+$/.test(ttl) && Number(ttl) <= 3600)) {
    throw new UsageError('--authorizer-cache-ttl must be 0-3600 seconds');
  }
  const revocationTtl = text('revocation-cache-ttl');
  if (revocationTtl !== undefined && !(/^\d+$/.test(revocationTtl) && Number(revocationTtl) <= 300)) {
    throw new UsageError('--revocation-cache-ttl must be 0-300 seconds');
  }
  const users = text('users');
  return {
    envFile: environmentFile(text('env') ?? 'demo', cwd),
    usersFile: users === undefined ? DEFAULT_DEMO_USERS_FILE : resolve(cwd, users),
    stateDir: resolve(cwd, text('state') ?? join(REPO_ROOT, '.local-stack')),
    reset: v.reset === true,
    build: v.build === true,
    ports,
    serviceUrl,
    authorizerCacheTtlSeconds: ttl === undefined ? undefined : Number(ttl),
    revocationCacheTtlSeconds: revocationTtl === undefined ? undefined : Number(revocationTtl),
  };
}
