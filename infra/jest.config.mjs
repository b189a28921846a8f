import { packageConfig } from '../scripts/jest/package-config.mjs';

// One synth of every environment per run, shared by all test files (see tests/support/global-setup.ts).
export default packageConfig(import.meta.dirname, {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
});
