import { readFileSync, existsSync } from 'fs';
import { join } from 'path';
import { CONTROLS, ControlKind, controlById, isControlId } from '../../lib/controls';

/** Every clause ID of the catalog, with its kind, as in shared/controls.md. */
const EXPECTED: Record<string, ControlKind> = {
  'DPP-NP-1': ControlKind.ENFORCED,
  'DPP-NP-2': ControlKind.ENFORCED,
  'DPP-NP-3': ControlKind.ENFORCED,
  'DPP-NP-4': ControlKind.SUPPORTED,
  'DPP-NP-5': ControlKind.SUPPORTED,
  'DPP-NP-6': ControlKind.SUPPORTED,
  'DPP-NP-7': ControlKind.ENFORCED,
  'DPP-NP-8': ControlKind.ENFORCED,
  'DPP-NP-9': ControlKind.ENFORCED,
  'DPP-NP-10': ControlKind.SUPPORTED,
  'DPP-DR-1': ControlKind.ENFORCED,
  'DPP-DR-2': ControlKind.ENFORCED,
  'DPP-DR-3': ControlKind.ENFORCED,
  'DPP-DR-4': ControlKind.ENFORCED,
  'DPP-DG-1': ControlKind.ORGANIZATIONAL,
  'DPP-DG-2': ControlKind.SUPPORTED,
  'DPP-DG-3': ControlKind.SUPPORTED,
  'DPP-DG-4': ControlKind.SUPPORTED,
  'DPP-DG-5': ControlKind.ORGANIZATIONAL,
  'DPP-ES-1': ControlKind.ENFORCED,
  'DPP-ES-2': ControlKind.ENFORCED,
  'DPP-ES-3': ControlKind.ENFORCED,
  'DPP-ES-4': ControlKind.ORGANIZATIONAL,
  'DPP-LP-1': ControlKind.ENFORCED,
  'DPP-LP-2': ControlKind.ENFORCED,
  'DPP-LM-1': ControlKind.ENFORCED,
  'DPP-LM-2': ControlKind.ENFORCED,
  'DPP-LM-3': ControlKind.ENFORCED,
  'DPP-LM-4': ControlKind.ENFORCED,
  'DPP-LM-5': ControlKind.ENFORCED,
  'DPP-LM-6': ControlKind.ENFORCED,
  'DPP-LM-7': ControlKind.SUPPORTED,
  'DPP-AU-1': ControlKind.SUPPORTED,
  'DPP-AU-2': ControlKind.SUPPORTED,
  'DPP-AU-3': ControlKind.ORGANIZATIONAL,
  'DPP-25-MAL': ControlKind.SUPPORTED,
  'DPP-25-LOCK': ControlKind.SUPPORTED,
  'DPP-25-CRED': ControlKind.SUPPORTED,
  'DPP-25-TLS': ControlKind.ENFORCED,
  'DPP-25-IMPOC': ControlKind.SUPPORTED,
  'DPP-25-NONPII': ControlKind.ENFORCED,
  'DPP-25-LOG': ControlKind.ENFORCED,
  'DPP-25-VULN': ControlKind.SUPPORTED,
  'DPP-25-BACKUP': ControlKind.ENFORCED,
  'DPP-25-SUB': ControlKind.ORGANIZATIONAL,
  'SOC-C1': ControlKind.SUPPORTED,
  'SOC-C2': ControlKind.SUPPORTED,
  'SOC-C3': ControlKind.ENFORCED,
  'SOC-C4': ControlKind.SUPPORTED,
  'SOC-C5': ControlKind.ENFORCED,
  'SOC-C6': ControlKind.SUPPORTED,
  'SOC-C7': ControlKind.SUPPORTED,
  'SOC-C8': ControlKind.ORGANIZATIONAL,
  'SOC-C9': ControlKind.ORGANIZATIONAL,
  'SOC-C10': ControlKind.ORGANIZATIONAL,
  'SOC-R1': ControlKind.ENFORCED,
  'SOC-R2': ControlKind.ENFORCED,
  'SOC-R3': ControlKind.SUPPORTED,
  'SOC-R4': ControlKind.SUPPORTED,
  'SOC-R5': ControlKind.ENFORCED,
  'SOC-R6': ControlKind.ENFORCED,
  'SOC-R7': ControlKind.SUPPORTED,
  'SOC-R8': ControlKind.SUPPORTED,
  'SOC-R9': ControlKind.ORGANIZATIONAL,
};

describe('control catalog', () => {
  test('holds exactly the clause IDs and kinds of the spec', () => {
    expect(CONTROLS.map((c) => [c.id, c.kind])).toEqual(Object.entries(EXPECTED));
  });

  test('IDs are unique', () => {
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
  });

  const specPath = join(__dirname, '..', '..', '..', 'shared', 'controls.md');
  (existsSync(specPath) ? test : test.skip)(
    'matches the ID/kind rows of shared/controls.md',
    () => {
      const rows = [
        ...readFileSync(specPath, 'utf8').matchAll(
          /^\| ((?:DPP|SOC)-[A-Z0-9-]+) \|.*\| (enforced|supported|organizational) \|/gm,
        ),
      ];
      expect(new Map(rows.map((m) => [m[1], m[2]]))).toEqual(new Map(Object.entries(EXPECTED)));
      expect(rows).toHaveLength(CONTROLS.length);
    },
  );

  test('every SOC commitment maps only to catalog clauses', () => {
    for (const control of CONTROLS) {
      for (const target of control.mapsTo ?? []) expect(isControlId(target)).toBe(true);
    }
  });

  test('supported and organizational clauses name the operator duty', () => {
    const missing = CONTROLS.filter((c) => c.kind !== ControlKind.ENFORCED && !c.operatorDuty);
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  test('is immutable', () => {
    expect(Object.isFrozen(CONTROLS)).toBe(true);
    expect(Object.isFrozen(controlById('DPP-NP-7'))).toBe(true);
  });

  test('an unknown ID throws, naming it', () => {
    expect(() => controlById('DPP-XX-1')).toThrow("Unknown clause ID 'DPP-XX-1'");
  });
});
