export * from './control';
export * from './catalog';
export * from './control-catalog';
export * from './pii-field-names';
