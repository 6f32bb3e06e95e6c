export * from './common';
export * from './encryption';
export * from './logging';
export * from './network';
export * from './storage';
