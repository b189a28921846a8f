/**
 * Jest configuration shared by every workspace package: native ESM (run jest with
 * `--experimental-vm-modules`), TypeScript through @swc/jest (measured faster than
 * ts-jest here; see README), v8 coverage of `src/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** Coverage floor for the `src/` of Lambda packages and the shared code they bundle; below it `pnpm test` fails. */
export const LAMBDA_COVERAGE_THRESHOLD = { branches: 85, functions: 90, lines: 90, statements: 90 };

/** True when the package at `dir` declares a Lambda (`cognitoTenancy.lambda` in package.json). */
export function isLambdaPackage(dir) {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  return Boolean(JSON.parse(readFileSync(file, 'utf8')).cognitoTenancy?.lambda);
}

/** The jest project of one package, as used by `pnpm --filter <pkg> test` and by the workspace run. */
export function projectConfig(dir, overrides = {}) {
  return {
    displayName: basename(dir),
    rootDir: dir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: { '^.+\\.ts$': swc },
    testMatch: ['<rootDir>/tests/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
    ...overrides,
  };
}

/**
 * True when the package's `src/` is held to {@link LAMBDA_COVERAGE_THRESHOLD}: every Lambda,
 * and shared code they bundle that opts in (`cognitoTenancy.coverageFloor: true`: the
 * registry, the kit).
 */
export function hasCoverageFloor(dir) {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  const tenancy = JSON.parse(readFileSync(file, 'utf8')).cognitoTenancy;
  return Boolean(tenancy?.lambda) || tenancy?.coverageFloor === true;
}

/** Full config for running one package on its own, with its coverage threshold. */
export function packageConfig(dir, overrides = {}) {
  return {
    ...projectConfig(dir, overrides),
    coverageProvider: 'v8',
    coverageReporters: ['text-summary'],
    ...(hasCoverageFloor(dir) ? { coverageThreshold: { global: LAMBDA_COVERAGE_THRESHOLD } } : {}),
  };
}
