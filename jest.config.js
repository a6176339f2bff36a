// One real database for the whole run (tests/setup/global-setup.ts); test files run one at a time
// because they share it, and the machine has two cores.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
};
