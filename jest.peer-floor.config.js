/**
 * The synth-level tests against the peer dependencies installed in `PEER_FLOOR_DIR`: the lowest
 * versions package.json's peerDependencies allow when run by `npm run test:peer-floor`. Every
 * test that loads aws-cdk-lib, cdk-nag or constructs runs; the few that load none of them are
 * left out, since they pass or fail the same at any version.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  resolver: '<rootDir>/scripts/peer-floor-resolver.js',
  testPathIgnorePatterns: [
    '/node_modules/',
    // package.json and the entry point, checked in a Node.js process of their own.
    '<rootDir>/test/package/',
    // Lambda handlers and the field encryptor against mocked AWS SDK clients; the catalog text.
    '<rootDir>/test/functions/',
    '<rootDir>/test/field-encryption/field-encryptor.test.ts',
    '<rootDir>/test/controls/catalog.test.ts',
  ],
};
