// Re-exports of the retention family.
export {};
