export * from './control';
export * from './catalog';
