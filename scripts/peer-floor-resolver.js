/**
 * The Jest resolver of `jest.peer-floor.config.js`: loads aws-cdk-lib, cdk-nag and constructs
 * from the folder `PEER_FLOOR_DIR` names (whose node_modules holds the three) instead of the
 * project's node_modules, for every file that asks for them: the library, the tests, and the
 * packages themselves (cdk-nag and the cfn-guard validator ask for aws-cdk-lib, aws-cdk-lib for
 * constructs). A resolution that still lands in the project's copy of one of the three throws,
 * so a test never runs with two copies of a peer, or with the project's instead of the floor's.
 */
const path = require('path');

const PEERS = ['aws-cdk-lib', 'cdk-nag', 'constructs'];
const PEER_REQUEST = new RegExp(`^(${PEERS.join('|')})(/.*)?$`);

if (!process.env.PEER_FLOOR_DIR) {
  throw new Error('PEER_FLOOR_DIR must name the folder the peer dependencies are installed in');
}
const floorDir = path.resolve(process.env.PEER_FLOOR_DIR);
const projectCopies = PEERS.map((name) =>
  path.join(__dirname, '..', 'node_modules', name, path.sep),
);

module.exports = (request, options) => {
  const from = PEER_REQUEST.test(request) ? { ...options, basedir: floorDir } : options;
  const resolved = options.defaultResolver(request, from);
  if (projectCopies.some((copy) => resolved.startsWith(copy))) {
    throw new Error(`${request} (from ${options.basedir}) resolved to the project's ${resolved}`);
  }
  return resolved;
};
