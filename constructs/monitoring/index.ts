// Re-exports of the monitoring family.
export {};
