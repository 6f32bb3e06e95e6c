export * from './data-vpc';
export * from './deny-all-security-group';
