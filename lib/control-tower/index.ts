// The `cdk-dpp/control-tower` entry point: it needs the optional peer dependency
// `@cdklabs/cdk-validator-cfnguard`. Index files only re-export.
export * from './control-tower-checks';
export {
  CFN_GUARD_INSTALL_COMMAND,
  CFN_GUARD_PACKAGE,
  CFN_GUARD_VERSION_RANGE,
} from './cfn-guard-package';
