import { describe, expect, it } from 'vitest';
import {
  cabinetCommands,
  classifyLamps,
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_NOT_SWITCHED,
  FAULT_WRONG_LEVEL,
  faultsPerCabinet,
  faultTallyOf,
  type FaultColumns,
} from '../../shared/lights/faults';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import type { Cabinet, CabinetStatus } from '../../shared/protocol/events';
import {
  cabinetCounts,
  countOf,
  filterCabinets,
  lampFaultsOf,
  lampsOf,
  needsAttention,
  NO_CABINET_FILTER,
  tallyOf,
} from './cabinetCounts';

/** Lamp faults per cabinet as the page's fault judgement makes them (LampFaultWatch): classified, then tallied. */
const cabinetFaults = (lamps: FaultColumns, cabinets: readonly Cabinet[], daylight: boolean) =>
  faultsPerCabinet(classifyLamps(lamps, cabinetCommands(cabinets), daylight), lamps.cabinet, cabinets.length);

/** Lamps as (cabinet index, state, level) triples, in the columns LampColumns keeps. */
function lamps(pairs: [cabinet: number, state: number, level?: number][], extra = 0) {
  // `extra` slots past `count` hold junk: only the first `count` lamps are live.
  const n = pairs.length;
  const state = new Uint8Array(n + extra).fill(LAMP_FAULT);
  const level = new Uint8Array(n + extra);
  const cabinet = new Uint32Array(n + extra);
  pairs.forEach(([c, s, l], i) => {
    cabinet[i] = c;
    state[i] = s;
    // by default the level a lamp in that state has when it took its command
    level[i] = l ?? (s === LAMP_ON ? 100 : s === LAMP_DIMMED ? 50 : 0);
  });
  return { count: n, state, level, cabinet };
}

const status = (
  online: boolean,
  mode: CabinetStatus['mode'] = 'auto',
  level = 100,
): NonNullable<Cabinet['status']> => ({ mode, level, online, override: null });

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
    { id: 'CAB-19774-002', ward: '19774', status: status(true, 'off', 0) },
    { id: 'CAB-19774-003', ward: '19774', status: status(true, 'dim', 40) },
  ];
  // 0 is fine; 1 is offline; 2 has a failed lamp; 3 has no control status; 4 has a lamp lit against
  // its `off` (no lamp in state fault); 5's lamps took its dim level
  const faults = cabinetFaults(
    lamps([
      [0, LAMP_ON],
      [1, LAMP_ON],
      [2, LAMP_FAULT],
      [3, LAMP_OFF],
      [4, LAMP_ON],
      [4, LAMP_OFF],
      [5, LAMP_DIMMED, 40],
    ]),
    cabinets,
    true,
  );

  it('lets everything through by default, in inventory order', () => {
    expect(filterCabinets(cabinets, faults, NO_CABINET_FILTER, wardName)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds by id or ward name, ignoring case and diacritics', () => {
    const by = (text: string) => filterCabinets(cabinets, faults, { ...NO_CABINET_FILTER, text }, wardName);
    expect(by('cab-19753')).toEqual([0, 1]);
    expect(by('  thuan hoa ')).toEqual([2, 4, 5]);
    expect(by('Phú')).toEqual([0, 1]);
    expect(by('nowhere')).toEqual([]);
  });

  it('filters by ward, and to the cabinets offline or with a lamp fault of any kind', () => {
    expect(filterCabinets(cabinets, faults, { ...NO_CABINET_FILTER, ward: '19774' }, wardName)).toEqual([
      2, 4, 5,
    ]);
    expect(filterCabinets(cabinets, faults, { ...NO_CABINET_FILTER, faultsOnly: true }, wardName)).toEqual([
      1, 2, 4,
    ]);
    expect(
      filterCabinets(cabinets, faults, { text: '19753', ward: '19753', faultsOnly: true }, wardName),
    ).toEqual([1]);
    expect(filterCabinets(cabinets, faults, { text: '', ward: '19774', faultsOnly: true }, wardName)).toEqual(
      [2, 4],
    );
  });

  it('needs attention: offline, or any lamp fault; a cabinet without status is not offline', () => {
    expect(cabinets.map((cab, c) => needsAttention(cab, faults, c))).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('lamp faults per cabinet', () => {
  const cabinets: Cabinet[] = [
    { id: 'A', ward: 'w', status: status(true, 'off', 0) },
    { id: 'B', ward: 'w', status: status(true, 'auto', 40) },
    { id: 'C', ward: 'w', status: status(false, 'on', 100) },
    { id: 'D', ward: 'w' },
  ];
  const set = lamps(
    [
      [0, LAMP_ON],
      [0, LAMP_DIMMED, 30],
      [0, LAMP_OFF],
      [0, LAMP_FAULT],
      [1, LAMP_DIMMED, 40],
      [1, LAMP_DIMMED, 70],
      [1, LAMP_ON],
      [1, LAMP_OFF],
      [2, LAMP_OFF],
      [2, LAMP_FAULT],
      [3, LAMP_ON],
      // a cabinet the list does not know yet
      [9, LAMP_FAULT],
    ],
    4,
  );
  const at = (f: Uint32Array, c: number, code: number) => f[c * FAULT_CODE_COUNT + code];

  it("judges each lamp against its cabinet's command: by day a lamp lit after `off` burns by day", () => {
    const f = cabinetFaults(set, cabinets, true);
    expect(f).toHaveLength(cabinets.length * FAULT_CODE_COUNT);
    expect(faultTallyOf(f, 0)).toEqual({
      'lamp-failure': 1,
      'day-burning': 2,
      'wrong-level': 0,
      'not-switched': 0,
    });
    expect(faultTallyOf(f, 1)).toEqual({
      'lamp-failure': 0,
      'day-burning': 0,
      'wrong-level': 2,
      'not-switched': 1,
    });
    expect(at(f, 0, FAULT_DAY_BURNING)).toBe(2);
    expect(at(f, 1, FAULT_WRONG_LEVEL)).toBe(2);
    expect(lampFaultsOf(f, 0)).toBe(3);
    expect(lampFaultsOf(f, 1)).toBe(3);
  });

  it('at night the same lamps missed the switch', () => {
    const f = cabinetFaults(set, cabinets, false);
    expect(at(f, 0, FAULT_DAY_BURNING)).toBe(0);
    expect(at(f, 0, FAULT_NOT_SWITCHED)).toBe(2);
    expect(at(f, 0, FAULT_LAMP)).toBe(1);
  });

  it('judges an offline or uncontrolled cabinet only by failed lamps, and skips unknown cabinets', () => {
    for (const daylight of [true, false]) {
      const f = cabinetFaults(set, cabinets, daylight);
      expect(lampFaultsOf(f, 2)).toBe(1);
      expect(at(f, 2, FAULT_LAMP)).toBe(1);
      expect(lampFaultsOf(f, 3)).toBe(0);
      // beyond the counts: nothing, not NaN
      expect(lampFaultsOf(f, 9)).toBe(0);
      expect(faultTallyOf(f, 9)).toEqual({
        'lamp-failure': 0,
        'day-burning': 0,
        'wrong-level': 0,
        'not-switched': 0,
      });
    }
  });

  it('follows a status change: switched on, the lit lamp of A is fine and the dark one missed it', () => {
    const on = [{ ...cabinets[0]!, status: status(true, 'on', 100) }, ...cabinets.slice(1)];
    expect(faultTallyOf(cabinetFaults(set, on, true), 0)).toEqual({
      'lamp-failure': 1,
      'day-burning': 0,
      'wrong-level': 1,
      'not-switched': 1,
    });
  });
});
