/**
 * A moto server (`moto_server`, Python moto 5.x) on 127.0.0.1 and a free port, for one AWS
 * account: moto puts everything in `MOTO_ACCOUNT_ID`, so each environment gets its own
 * server and the stack's `allowed_account_ids` holds. Missing moto is an error that says how
 * to install it, never a skip.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MOTO_SETTINGS } from './gaps';

export const MOTO_INSTALL_HINT = "pip install 'moto[server]' (moto 5.x; it provides moto_server)";

export interface Moto {
  readonly endpoint: string;
  readonly accountId: string;
  stop(): Promise<void>;
}

/** moto's server with three gaps closed: BOOL in AttributeUpdates, user pool deletion protection, ACM key algorithm (moto_server_fixed.py). */
const FIXED_SERVER = join(import.meta.dirname, 'moto_server_fixed.py');

/**
 * The command that starts moto: `python3 moto_server_fixed.py` when that python has moto,
 * else `moto_server` as installed, without either fix: table item updates with a boolean then
 * fail, and a protected user pool can be deleted (see the script).
 */
export function motoCommand(): [string, string[]] {
  if (spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0) {
    return ['python3', [FIXED_SERVER]];
  }
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0) return ['moto_server', []];
  throw new Error(
    `the deploy rehearsal needs moto's server and found neither python3 with moto nor moto_server: ${MOTO_INSTALL_HINT}`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within 30 s: ${log()}`);
}

export async function startMoto(accountId: string): Promise<Moto> {
  const [command, args] = motoCommand();
  const port = await freePort();
  const child = spawn(command, [...args, '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...process.env,
      ...MOTO_SETTINGS,
      MOTO_ACCOUNT_ID: accountId,
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(endpoint, child, () => stderr);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    endpoint,
    accountId,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
