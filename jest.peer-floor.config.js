/**
 * The synth-level tests against the peer dependencies installed in `PEER_FLOOR_DIR`: the lowest
 * versions package.json's peerDependencies allow when run by `npm run test:peer-floor`. Every
 * test runs, new ones included, but those listed below: they load none of aws-cdk-lib, cdk-nag
 * and constructs, or only in a Node.js process of their own, so the floor changes nothing there.
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
