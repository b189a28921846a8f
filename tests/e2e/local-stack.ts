/**
 * Starts the whole local stack for an end-to-end test file: every port picked free,
 * state in a temporary folder, the demo environment and users. One stack per file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_USERS_FILE } from '@cognito-tenancy/local-stack/demo-users';
import { environmentFile, PARTS, type Part } from '@cognito-tenancy/local-stack/options';
import { type LocalStack, startLocalStack } from '@cognito-tenancy/local-stack/stack';

export interface TestStack extends LocalStack {
  /** Ends the stack and removes its state folder. */
  dispose(): Promise<void>;
}

/** Starts the demo stack on free ports. */
export async function startTestStack(
  overrides: { authorizerCacheTtlSeconds?: number } = {},
): Promise<TestStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'local-stack-e2e-'));
  const stack = await startLocalStack({
    envFile: environmentFile('demo'),
    usersFile: DEFAULT_DEMO_USERS_FILE,
    stateDir,
    reset: false,
    build: false,
    ports: Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>,
    serviceUrl: undefined,
    authorizerCacheTtlSeconds: overrides.authorizerCacheTtlSeconds,
  });
  return {
    ...stack,
    dispose: async () => {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
