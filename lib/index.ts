// The public API of cdk-dpp. Index files only re-export.
export * from './controls';
export * from './checks';
export * from '../constructs';
export * from './field-encryption';
export * from './environment';
export * from './report';
