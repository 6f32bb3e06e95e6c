export * from './dpp-checks';
