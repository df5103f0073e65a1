import { describe, expect, it } from 'vitest';
import { isDaylight } from '../src/shared/lights/faults';
import { HUE } from '../src/shared/lights/sun';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../src/shared/protocol/codes';
import type { Cabinet, CabinetStatus, LampColumns } from '../src/shared/protocol/events';
import { cabinetSummaries } from './lights';

/** 12:00 and 22:00 in Huế (UTC+7) on 23 November. */
const NOON = Date.parse('2026-11-23T05:00:00Z');
const NIGHT = Date.parse('2026-11-23T15:00:00Z');

const status = (mode: CabinetStatus['mode'], level: number, online = true): Cabinet['status'] => ({
  mode,
  level,
  online,
  override: null,
});

/** Hand-built columns: each lamp as (cabinet index, state, level). */
function columns(cabinets: Cabinet[], lamps: [cabinet: number, state: number, level: number][]): LampColumns {
  return {
    count: lamps.length,
    lon: lamps.map(() => 107.59),
    lat: lamps.map(() => 16.46),
    cabinet: lamps.map(([c]) => c),
    state: lamps.map(([, s]) => s),
    level: lamps.map(([, , l]) => l),
    watts: lamps.map(() => 100),
    cabinets,
  };
}

const CABINETS: Cabinet[] = [
  // an operator switched it off: lit lamps burn by day, or missed the switch at night
  { id: 'CAB-A', ward: '19753', group: 'dan-cu', status: status('off', 0) },
  // dimmed to 40 by its schedule
  { id: 'CAB-B', ward: '19753', group: 'dan-cu', status: status('auto', 40) },
  // offline: only failed lamps are judged
  { id: 'CAB-C', ward: '19774', status: status('on', 100, false) },
  // no control status: likewise
  { id: 'CAB-D', ward: '19774' },
];

const LAMPS = columns(CABINETS, [
  [0, LAMP_ON, 100],
  [0, LAMP_DIMMED, 40],
  [0, LAMP_OFF, 0],
  [0, LAMP_FAULT, 0],
  [1, LAMP_DIMMED, 40],
  [1, LAMP_ON, 100],
  [1, LAMP_DIMMED, 70],
  [1, LAMP_OFF, 0],
  [1, LAMP_FAULT, 0],
  [1, LAMP_FAULT, 0],
  [2, LAMP_OFF, 0],
  [2, LAMP_FAULT, 0],
  [3, LAMP_ON, 100],
]);

describe('cabinetSummaries: faults by kind', () => {
  it('the hand-picked times are day and night in Huế', () => {
    expect(isDaylight(HUE, NOON)).toBe(true);
    expect(isDaylight(HUE, NIGHT)).toBe(false);
  });

  it("by day, lamps lit against their cabinet's off burn by day", () => {
    const rows = cabinetSummaries(LAMPS, NOON);
    expect(rows.map((r) => r.faults)).toEqual([
      { 'lamp-failure': 1, 'day-burning': 2, 'wrong-level': 0, 'not-switched': 0 },
      { 'lamp-failure': 2, 'day-burning': 0, 'wrong-level': 2, 'not-switched': 1 },
      { 'lamp-failure': 1, 'day-burning': 0, 'wrong-level': 0, 'not-switched': 0 },
      { 'lamp-failure': 0, 'day-burning': 0, 'wrong-level': 0, 'not-switched': 0 },
    ]);
  });

  it('at night the same lamps missed the switch instead; nothing else changes', () => {
    const day = cabinetSummaries(LAMPS, NOON);
    const night = cabinetSummaries(LAMPS, NIGHT);
    expect(night[0]!.faults).toEqual({
      'lamp-failure': 1,
      'day-burning': 0,
      'wrong-level': 0,
      'not-switched': 2,
    });
    expect(night.slice(1).map((r) => r.faults)).toEqual(day.slice(1).map((r) => r.faults));
  });

  it("keeps `fault` as the lamps in state LAMP_FAULT, equal to the 'lamp-failure' count", () => {
    for (const row of cabinetSummaries(LAMPS, NOON)) {
      expect(row.fault).toBe(row.faults['lamp-failure']);
      expect(row.on + row.dimmed + row.off + row.fault).toBe(row.lampCount);
    }
    expect(cabinetSummaries(LAMPS, NOON).map((r) => r.fault)).toEqual([1, 2, 1, 0]);
  });

  it('follows a status change: the same lamps under a cabinet switched on', () => {
    const switchedOn = columns(
      [{ ...CABINETS[0]!, status: status('on', 100) }, ...CABINETS.slice(1)],
      [
        [0, LAMP_ON, 100],
        [0, LAMP_DIMMED, 40],
        [0, LAMP_OFF, 0],
        [0, LAMP_FAULT, 0],
      ],
    );
    expect(cabinetSummaries(switchedOn, NOON)[0]!.faults).toEqual({
      'lamp-failure': 1,
      'day-burning': 0,
      'wrong-level': 1,
      'not-switched': 1,
    });
  });

  it('skips lamps of cabinets it does not list, and has every kind at 0 without lamps', () => {
    const stray = columns(CABINETS.slice(0, 1), [
      [0, LAMP_ON, 100],
      [5, LAMP_FAULT, 0],
    ]);
    const rows = cabinetSummaries(stray, NOON);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.faults).toEqual({
      'lamp-failure': 0,
      'day-burning': 1,
      'wrong-level': 0,
      'not-switched': 0,
    });
    expect(cabinetSummaries(columns(CABINETS, []), NIGHT)[1]!.faults).toEqual({
      'lamp-failure': 0,
      'day-burning': 0,
      'wrong-level': 0,
      'not-switched': 0,
    });
  });

  it('hides who set an override from guests, and their fault counts are the same', () => {
    const withOverride = columns(
      [{ ...CABINETS[0]!, status: { ...status('off', 0)!, override: { by: 'An', at: 1, until: 2 } } }],
      [[0, LAMP_ON, 100]],
    );
    const guest = cabinetSummaries(withOverride, NOON, false)[0]!;
    expect(guest.override?.by).toBe('');
    expect(guest.faults).toEqual(cabinetSummaries(withOverride, NOON)[0]!.faults);
  });
});
