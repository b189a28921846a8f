/**
 * Tests of a Lambda's `src/handler.ts`, the module that reads its configuration at import:
 * each import runs as a cold start under the environment a test gives, and the JSON lines
 * its logger writes to stdout are kept for the test to read.
 */
import { afterEach, jest } from '@jest/globals';

/**
 * Returns `importHandler(env)`: `load()` (a test's `() => import('../../src/handler')`) run in
 * a fresh module registry with `env` added to the environment. Call it at the top of a test
 * file: after each test the environment is restored and every spy removed.
 */
export function handlerImporter<H>(
  load: () => Promise<{ handler: H }>,
): (env: Record<string, string>) => Promise<H> {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });
  return async (env) => {
    process.env = { ...saved, ...env };
    let module: { handler: H } | undefined;
    await jest.isolateModulesAsync(async () => {
      module = await load();
    });
    if (!module) throw new Error('handler module did not load');
    return module.handler;
  };
}

/** What was written since `captureStdout()` or `captureOutput()`: the raw text and its JSON lines. */
export interface CapturedStdout {
  readonly text: () => string;
  /** Every non-blank line, parsed (a line that is not JSON fails the test). */
  readonly jsonLines: () => unknown[];
}

function capture(streams: readonly NodeJS.WriteStream[]): CapturedStdout {
  const written: string[] = [];
  for (const stream of streams) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
  const text = () => written.join('');
  return {
    text,
    jsonLines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown),
  };
}

/** Swallows stdout (the logger's lines) until the spies are restored. */
export const captureStdout = (): CapturedStdout => capture([process.stdout]);

/** Swallows stdout and stderr (Powertools writes INFO to one, WARN and ERROR to the other) until the spies are restored. */
export const captureOutput = (): CapturedStdout => capture([process.stdout, process.stderr]);

/** What a handler module needs to call emulators on loopback: a region, placeholder credentials, one attempt, no log lines. */
export const EMULATOR_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_MAX_ATTEMPTS: '1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
} as const;

/**
 * Sets the environment to `base` plus {@link EMULATOR_ENV} plus `env`, and imports the handler
 * module once in a fresh registry (for a `beforeAll`: the environment stays set, as the SDK
 * reads credentials only at the first call; restore it in `afterAll`).
 */
export async function loadHandlerForEmulators<H>(
  base: NodeJS.ProcessEnv,
  env: Record<string, string>,
  load: () => Promise<{ handler: H }>,
): Promise<H> {
  process.env = { ...base, ...EMULATOR_ENV, ...env };
  let module: { handler: H } | undefined;
  await jest.isolateModulesAsync(async () => {
    module = await load();
  });
  if (!module) throw new Error('handler module did not load');
  return module.handler;
}
