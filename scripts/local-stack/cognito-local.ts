/**
 * Cognito for the local stack and integration tests: the npm package `cognito-local`
 * (it speaks the Cognito Identity Provider JSON protocol, so the real
 * `@aws-sdk/client-cognito-identity-provider` works against it) as a child process on
 * loopback, with its triggers invoked through a Lambda Invoke API endpoint
 * (lambda-invoke-server.ts) that runs the built bundles.
 *
 * Facts of cognito-local 5.3 that callers should know (see also cognito-trigger-notes in
 * the pre-token-gen README): pool ids look like `local_AbCd1234`; issuers are
 * `http://<host>:<port>/<poolId>`; trigger events carry `version: "0"` and
 * `region: "local"` with an empty `groupConfiguration`; Pre Token Generation results are
 * applied to the ID token only, and only `claimsToAddOrOverride` / `claimsToSuppress`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

/** Trigger names cognito-local can call, mapped to function names on the Lambda endpoint. */
export type CognitoTriggers = Partial<
  Record<
    | 'PreTokenGeneration'
    | 'PreSignUp'
    | 'PostConfirmation'
    | 'PostAuthentication'
    | 'UserMigration'
    | 'CustomMessage',
    string
  >
>;

export interface CognitoLocalOptions {
  /** The Lambda Invoke API endpoint (`startLambdaInvokeServer().url`); needed for triggers. */
  readonly lambdaEndpoint?: string;
  /** Which functions serve which triggers; `{ PreTokenGeneration: 'pre-token-gen' }` by default. */
  readonly triggers?: CognitoTriggers;
  /** Loopback by default. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Directory to keep pools and users in across restarts; a temporary one (removed on close) by default. */
  readonly dataDir?: string;
  /** How long Cognito waits for a trigger, as Cognito's own 5 s limit (default 5000). */
  readonly triggerTimeoutMs?: number;
  /** How long to wait for the emulator to answer (default 20 s). */
  readonly startTimeoutMs?: number;
  /** Receives each line cognito-local logs; they are kept for `logs()` either way. */
  readonly onLog?: (line: string) => void;
}

export interface CognitoLocal {
  /** `http://<host>:<port>`: the `endpoint` of a Cognito client, and the issuer domain of its tokens. */
  readonly endpoint: string;
  /** `http://<host>:<port>/<poolId>`: the `iss` of the pool's tokens. */
  issuer(userPoolId: string): string;
  /** The last lines cognito-local logged. */
  logs(): readonly string[];
  /** Stops the emulator and removes its temporary data. Safe to call twice. */
  close(): Promise<void>;
}

/** The emulator exited or did not answer in time; the message carries its last log lines. */
export class CognitoLocalStartError extends Error {
  override readonly name = 'CognitoLocalStartError';
}

const LOG_LINES_KEPT = 300;

/** The cognito-local entry script, resolved from this package's dependencies. */
function cognitoLocalBin(): string {
  const manifest = createRequire(import.meta.url).resolve('cognito-local/package.json');
  return join(dirname(manifest), 'lib', 'bin', 'start.js');
}

/** A free TCP port on `host`. cognito-local needs the port before it starts, for its issuer. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The `.cognito/config.json` cognito-local reads from its working directory. */
export function cognitoLocalConfig(
  options: CognitoLocalOptions,
  endpoint: string,
  host: string,
  port: number,
) {
  return {
    LambdaClient: {
      ...(options.lambdaEndpoint ? { endpoint: options.lambdaEndpoint } : {}),
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // Cognito calls a trigger once and gives it 5 s.
      maxRetries: 0,
      httpOptions: { timeout: options.triggerTimeoutMs ?? 5000 },
    },
    TriggerFunctions: options.lambdaEndpoint
      ? (options.triggers ?? { PreTokenGeneration: 'pre-token-gen' })
      : {},
    // Federated usernames (`<IdP>_<id>`) are not emails.
    UserPoolDefaults: { UsernameAttributes: [] },
    TokenConfig: { IssuerDomain: endpoint },
    ServerConfig: { hostname: host, port },
  };
}

/** One ListUserPools call; true when the emulator answers it. */
async function answers(endpoint: string): Promise<boolean> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 1000);
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: '{"MaxResults":1}',
      signal: abort.signal,
    });
    return response.ok;
  } catch {
    return false; // not listening yet
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the emulator answers; rejects as soon as it exits, or at the deadline. */
async function ready(endpoint: string, child: ChildProcess, timeoutMs: number, logs: () => string[]) {
  let done = false;
  const exited = new Promise<never>((_, reject) => {
    const fail = () =>
      reject(
        new CognitoLocalStartError(
          `cognito-local exited (${child.exitCode ?? child.signalCode}):\n${logs().join('\n')}`,
        ),
      );
    if (child.exitCode !== null || child.signalCode !== null) fail();
    else child.once('exit', fail);
  });
  const poll = async () => {
    const deadline = Date.now() + timeoutMs;
    while (!done) {
      if (await answers(endpoint)) return;
      if (Date.now() > deadline) {
        throw new CognitoLocalStartError(
          `cognito-local did not answer within ${timeoutMs} ms:\n${logs().join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await Promise.race([poll(), exited]);
  } finally {
    done = true;
    exited.catch(() => undefined);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts cognito-local and resolves once it answers API calls. */
export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host));
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const temporary = options.dataDir === undefined;
  const cwd = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cognito-local-'));
  mkdirSync(join(cwd, '.cognito'), { recursive: true });
  writeFileSync(
    join(cwd, '.cognito', 'config.json'),
    JSON.stringify(cognitoLocalConfig(options, endpoint, host, port), null, 2),
  );

  const kept: string[] = [];
  const child = spawn(process.execPath, [cognitoLocalBin()], {
    cwd,
    // Only what it needs: no developer credentials, no jest flags.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: host,
      PORT: String(port),
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (raw) => {
      // Its logger colours every line, whatever the environment says.
      const line = stripVTControlCharacters(raw);
      kept.push(line);
      if (kept.length > LOG_LINES_KEPT) kept.shift();
      options.onLog?.(line);
    });
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= stop(child).then(() => {
      if (temporary) rmSync(cwd, { recursive: true, force: true });
    });
    return closing;
  };
  try {
    await ready(endpoint, child, options.startTimeoutMs ?? 20_000, () => kept);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    endpoint,
    issuer: (userPoolId) => `${endpoint}/${userPoolId}`,
    logs: () => [...kept],
    close,
  };
}
