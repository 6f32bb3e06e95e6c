export * from './account-baseline';
export * from './account-service';
export * from './aws-api-call';
export * from './canary-record';
export * from './feature-opt-out';
export * from './incident-topic';
export * from './security-alarms';
export * from './security-event-filters';
