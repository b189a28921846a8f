/** The environment files of `infra/environments/`, found by name or path. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  EnvironmentFileError,
  loadEnvironmentFile,
  type ResolvedEnvironment,
} from '@cognito-tenancy/registry/environment';

export const ENVIRONMENTS_DIR = resolve(import.meta.dirname, '..', 'environments');

export interface LoadedEnvironment {
  readonly environment: ResolvedEnvironment;
  /** The file, as given or found. */
  readonly source: string;
}

/** Names of the environment files in `dir` (`dev`, `prod`, ...), sorted. */
export function environmentNames(dir = ENVIRONMENTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => basename(file, '.json'))
    .sort();
}

/** A name (`dev`) or a path to a file (`./staging.json`). */
export function environmentFile(nameOrPath: string, dir = ENVIRONMENTS_DIR): string {
  if (nameOrPath.endsWith('.json') || nameOrPath.includes('/')) return resolve(nameOrPath);
  const file = join(dir, `${nameOrPath}.json`);
  if (!existsSync(file)) {
    const known = environmentNames(dir).join(', ') || 'none';
    throw new EnvironmentFileError(file, [`no environment '${nameOrPath}' (known: ${known})`]);
  }
  return file;
}

/** Loads and validates the files; the stack id is the file's `environment`, which must be unique. */
export function loadEnvironments(
  namesOrPaths: readonly string[],
  dir = ENVIRONMENTS_DIR,
): LoadedEnvironment[] {
  const loaded = namesOrPaths.map((entry) => {
    const source = environmentFile(entry, dir);
    return { environment: loadEnvironmentFile(source), source };
  });
  const seen = new Map<string, string>();
  for (const { environment, source } of loaded) {
    const first = seen.get(environment.environment);
    if (first !== undefined && first !== source) {
      throw new EnvironmentFileError(source, [
        `environment '${environment.environment}' is also defined in ${first}`,
      ]);
    }
    seen.set(environment.environment, source);
  }
  return loaded.filter((item, index) => loaded.findIndex((other) => other.source === item.source) === index);
}
