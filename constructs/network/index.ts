export * from './cidr';
export * from './deny-all-security-group';
export * from './ports';
