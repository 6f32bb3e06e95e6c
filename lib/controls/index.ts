export * from './control';
export * from './catalog';
export * from './pii-field-names';
