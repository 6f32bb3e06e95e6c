/**
 * The rule a finding or acknowledgement id names, without its granular part:
 * `DPP-Rule[finding]` -> `DPP-Rule`.
 */
export function baseRule(rule: string): string {
  return rule.replace(/\[.*\]$/, '');
}
