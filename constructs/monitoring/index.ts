export * from './account-baseline';
export * from './aws-api-call';
export * from './canary-record';
export * from './incident-topic';
export * from './security-alarms';
export * from './security-event-filters';
