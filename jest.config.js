/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest'],
  },
  // The examples import the package by its name, as an app does; here that is the source.
  moduleNameMapper: {
    '^cdk-dpp$': '<rootDir>/lib',
    '^cdk-dpp/(control-tower|report|field-encryption)$': '<rootDir>/lib/$1',
  },
  globalSetup: '<rootDir>/test/bundle-functions.global-setup.ts',
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
  testTimeout: 120000,
  // Jest's default leaves one core to its own process, which does little here: on a 2-core
  // machine that halves the suite's speed (one worker, about 285 s, against 175 s with two).
  maxWorkers: '100%',
};
