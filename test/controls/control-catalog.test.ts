import { ControlCatalog, ControlKind } from '../../lib/controls';
import { CONTROLS } from '../../lib/controls/catalog';

describe('ControlCatalog', () => {
  test('lists every clause of the catalog, in its order, as a copy', () => {
    const controls = ControlCatalog.controls();
    expect(controls.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    controls.pop();
    expect(ControlCatalog.controls()).toHaveLength(CONTROLS.length);
  });

  test('finds a clause by its ID', () => {
    expect(ControlCatalog.byId('DPP-NP-7')).toBe(CONTROLS.find((c) => c.id === 'DPP-NP-7'));
    expect(ControlCatalog.byId('DPP-NP-7').kind).toBe(ControlKind.ENFORCED);
  });

  test('refuses an unknown ID', () => {
    expect(() => ControlCatalog.byId('DPP-XX-1')).toThrow("Unknown clause ID 'DPP-XX-1'");
  });

  test('tells which IDs the catalog has', () => {
    expect([ControlCatalog.has('SOC-C2'), ControlCatalog.has('DPP-XX-1')]).toEqual([true, false]);
  });
});
