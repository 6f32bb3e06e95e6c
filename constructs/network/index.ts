export * from './cidr';
export * from './data-vpc';
export * from './deny-all-security-group';
export * from './ports';
