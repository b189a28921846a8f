/**
 * `pnpm test` at the root: every workspace package as one jest run (one worker pool,
 * one summary), coverage on, with the `src/` of the Lambda packages, the registry and the kit
 * held to a threshold.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasCoverageFloor, LAMBDA_COVERAGE_THRESHOLD } from './package-config.mjs';

const root = join(import.meta.dirname, '..', '..');
const candidates = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  join(root, 'infra'),
  join(root, 'tests'),
];
const dirs = candidates.filter((dir) => existsSync(join(dir, 'jest.config.mjs')));

const coverageThreshold = {};
for (const dir of dirs.filter(hasCoverageFloor)) {
  coverageThreshold[`${dir}/src/`] = LAMBDA_COVERAGE_THRESHOLD;
}

/**
 * Options jest reads only for the whole run: a package's config sets them for its own runs,
 * but inside `projects` each one prints "Validation Warning: ... is not supported in an
 * individual project configuration", so they are dropped here (the run sets its own).
 */
const RUN_ONLY_OPTIONS = new Set(['coverageProvider', 'coverageReporters', 'coverageThreshold']);

// Each package's own jest.config.mjs is the project, so per-package overrides apply here too.
const projects = await Promise.all(
  dirs.map(async (dir) => {
    const { default: config } = await import(pathToFileURL(join(dir, 'jest.config.mjs')).href);
    return Object.fromEntries(Object.entries(config).filter(([key]) => !RUN_ONLY_OPTIONS.has(key)));
  }),
);

export default {
  rootDir: root,
  projects,
  // jest defaults to cores - 1 workers (1 on these 2-core machines); many suites wait on
  // child processes and loopback servers, so one worker per core finishes sooner.
  maxWorkers: '100%',
  // With v8 coverage on, a worker on this 2-core machine can need more than jest's default
  // 500 ms to exit after its last file (nothing leaks: it exits on its own within 5 s), and
  // jest then prints "A worker process has failed to exit gracefully". A real leak still
  // shows: such a worker never exits and is force-exited after this timeout, with the warning.
  workerGracefulExitTimeout: 5000,
  collectCoverage: true,
  coverageProvider: 'v8',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageDirectory: join(root, 'coverage'),
  coverageThreshold,
  reporters: ['default', join(import.meta.dirname, 'summary-reporter.mjs')],
};
