import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import type { Cabinet } from '../../shared/protocol/events';
import { cabinetCounts, countOf, filterCabinets, lampsOf, NO_CABINET_FILTER, tallyOf } from './cabinetCounts';

/** Lamps as (cabinet index, state) pairs, in the columns LightColumns keeps. */
function lamps(pairs: [cabinet: number, state: number][], extra = 0) {
  // `extra` slots past `count` hold junk: only the first `count` lamps are live.
  const n = pairs.length;
  const state = new Uint8Array(n + extra).fill(LAMP_FAULT);
  const cabinet = new Uint32Array(n + extra);
  pairs.forEach(([c, s], i) => {
    cabinet[i] = c;
    state[i] = s;
  });
  return { count: n, state, cabinet };
}

const status = (online: boolean): NonNullable<Cabinet['status']> => ({
  mode: 'auto',
  level: 100,
  online,
  override: null,
});

describe('lamps per cabinet and state', () => {
  const set = lamps(
    [
      [0, LAMP_ON],
      [0, LAMP_ON],
      [0, LAMP_DIMMED],
      [2, LAMP_OFF],
      [2, LAMP_FAULT],
      [0, LAMP_FAULT],
      [2, LAMP_OFF],
      [2, LAMP_ON],
    ],
    3,
  );

  it('counts each lamp once, under its cabinet and state', () => {
    const counts = cabinetCounts(set, 3);
    expect(Array.from(counts)).toEqual([0, 2, 1, 1, 0, 0, 0, 0, 2, 1, 0, 1]);
    expect(tallyOf(counts, 0)).toEqual({ off: 0, on: 2, dimmed: 1, fault: 1 });
    expect(tallyOf(counts, 1)).toEqual({ off: 0, on: 0, dimmed: 0, fault: 0 });
    expect(tallyOf(counts, 2)).toEqual({ off: 2, on: 1, dimmed: 0, fault: 1 });
    expect(lampsOf(counts, 0)).toBe(4);
    expect(lampsOf(counts, 2)).toBe(4);
    expect(countOf(counts, 2, LAMP_OFF)).toBe(2);
  });

  it('skips lamps of cabinets it was not told about and states outside the codes', () => {
    const counts = cabinetCounts(
      lamps([
        [0, LAMP_ON],
        [5, LAMP_ON],
        // unchecked, state 5 of cabinet 0 would land on cabinet 1's "on"
        [0, 5],
        [1, LAMP_DIMMED],
      ]),
      3,
    );
    expect(Array.from(counts)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    // Beyond the counts: nothing, not NaN.
    expect(lampsOf(counts, 7)).toBe(0);
  });

  it('is empty without cabinets or lamps', () => {
    expect(cabinetCounts(set, 0)).toHaveLength(0);
    expect(Array.from(cabinetCounts(lamps([]), 2))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('the cabinet list filter', () => {
  const names: Record<string, string> = { '19753': 'Phú Hội', '19774': 'Thuận Hóa' };
  const wardName = (code: string) => names[code] ?? null;
  const cabinets: Cabinet[] = [
    { id: 'CAB-19753-001', ward: '19753', status: status(true) },
    { id: 'CAB-19753-002', ward: '19753', status: status(false) },
    { id: 'CAB-19774-001', ward: '19774', status: status(true) },
    { id: 'CAB-00000-001', ward: '00000' },
  ];
  // cabinet 2 has a failed lamp; cabinet 3 has no control status
  const counts = cabinetCounts(
    lamps([
      [0, LAMP_ON],
      [1, LAMP_ON],
      [2, LAMP_FAULT],
      [3, LAMP_OFF],
    ]),
    cabinets.length,
  );

  it('lets everything through by default, in inventory order', () => {
    expect(filterCabinets(cabinets, counts, NO_CABINET_FILTER, wardName)).toEqual([0, 1, 2, 3]);
  });

  it('finds by id or ward name, ignoring case and diacritics', () => {
    const by = (text: string) => filterCabinets(cabinets, counts, { ...NO_CABINET_FILTER, text }, wardName);
    expect(by('cab-19753')).toEqual([0, 1]);
    expect(by('  thuan hoa ')).toEqual([2]);
    expect(by('Phú')).toEqual([0, 1]);
    expect(by('nowhere')).toEqual([]);
  });

  it('filters by ward, and to the cabinets offline or with a failed lamp', () => {
    expect(filterCabinets(cabinets, counts, { ...NO_CABINET_FILTER, ward: '19774' }, wardName)).toEqual([2]);
    expect(filterCabinets(cabinets, counts, { ...NO_CABINET_FILTER, faultsOnly: true }, wardName)).toEqual([
      1, 2,
    ]);
    expect(
      filterCabinets(cabinets, counts, { text: '19753', ward: '19753', faultsOnly: true }, wardName),
    ).toEqual([1]);
  });
});
