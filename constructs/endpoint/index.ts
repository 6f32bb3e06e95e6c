export * from './ip-allow-list-web-acl';
export * from './tls-load-balancer';
export * from './tls-rest-api';
