// Re-exports of the access family.
export {};
