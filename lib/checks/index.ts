export * from './dpp-checks';
export { CHECKS_METADATA_TYPE } from './checks-record';
export type { ChecksRecord } from './checks-record';
