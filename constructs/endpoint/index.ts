// Re-exports of the endpoint family.
export {};
