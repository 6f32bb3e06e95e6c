export * from './control';
export * from './catalog';
export * from './pii-field-names';
export * from './mechanism';
export * from './mechanisms';
export * from './find-mechanisms';
