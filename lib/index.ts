// The public API of cdk-dpp. Index files only re-export.
// The report (cdk-dpp/report) and the field encryptor (cdk-dpp/field-encryption) are entry points of their own.
export * from './controls';
export * from './checks';
export * from '../constructs';
export * from './environment';
