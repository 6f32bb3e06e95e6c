// The cdk-dpp/control-tower entry point: it needs the optional peer @cdklabs/cdk-validator-cfnguard.
export { ControlTowerChecks } from '../environment/control-tower-checks';
