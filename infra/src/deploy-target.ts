/**
 * The one environment `pnpm run deploy|diff <env>` acts on. cdktf-cli runs the app with no
 * arguments, so the environment travels in {@link DEPLOY_ENVIRONMENT_VARIABLE}: the app then
 * synthesizes that file only, and a broken file of another environment cannot block a deploy.
 */
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { type LoadedEnvironment, loadEnvironments } from './environments';

/** Set by src/cdktf-cli.ts for the app cdktf-cli runs: the name or path of the one environment file. */
export const DEPLOY_ENVIRONMENT_VARIABLE = 'COGNITO_TENANCY_DEPLOY_ENVIRONMENT';

/**
 * Loads the environment to deploy and refuses one without `accountId`: its provider would
 * then act in whatever account the credentials name (demo's localhost settings in production).
 */
export function loadDeployTarget(nameOrPath: string): LoadedEnvironment {
  const [loaded] = loadEnvironments([nameOrPath]);
  if (loaded === undefined) throw new EnvironmentFileError(nameOrPath, ['no environment file']);
  if (loaded.environment.accountId === undefined) {
    throw new EnvironmentFileError(loaded.source, [
      'accountId: required to deploy (the only AWS account this stack may touch); add "accountId": "<12 digits>"',
    ]);
  }
  return loaded;
}
