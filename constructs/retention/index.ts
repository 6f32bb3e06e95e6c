export * from './tax-archive';
