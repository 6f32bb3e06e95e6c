/**
 * Deletion policies that keep a resource, and its data, when it leaves the stack or an update
 * replaces it: `Retain`, `Snapshot` (a final snapshot), and `RetainExceptOnCreate`, which
 * deletes the resource only when the stack operation that created it rolls back, before it held
 * any data, so that a failed first deployment can be retried.
 */
export const KEEPING_POLICIES: readonly string[] = ['Retain', 'RetainExceptOnCreate', 'Snapshot'];

/** Whether a `DeletionPolicy` or `UpdateReplacePolicy` keeps the resource. */
export function keeps(policy: unknown): boolean {
  return KEEPING_POLICIES.includes(String(policy));
}
