export * from './sp-api-credentials';
