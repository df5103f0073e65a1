import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import { lampDrawW } from '../../shared/lights/energy';
import { LampColumns } from './lampColumns';

const columns = (states: number[], levels: number[], watts: number[]) => ({
  count: states.length,
  lon: states.map(() => 107.58),
  lat: states.map(() => 16.46),
  cabinet: states.map(() => 0),
  state: states,
  level: levels,
  watts,
  cabinets: [{ id: 'C1', ward: '19753' }],
});

/** A light.states batch from [lamp, state, level] entries. */
const batch = (...entries: [number, number, number][]) => ({
  i: entries.map((e) => e[0]),
  s: entries.map((e) => e[1]),
  l: entries.map((e) => e[2]),
});

describe('LampColumns', () => {
  it('counts lamps by state and sums their draw on load', () => {
    const lc = new LampColumns();
    const s = lc.load(
      columns([LAMP_ON, LAMP_DIMMED, LAMP_OFF, LAMP_FAULT], [100, 50, 0, 0], [100, 120, 80, 90]),
    );
    expect(s.byState).toEqual([1, 1, 1, 1]);
    expect(s.powerW).toBe(100 + 60);
    expect(Array.from(lc.positions.slice(0, 2))).toEqual([Math.fround(107.58), Math.fround(16.46)]);
  });

  it('keeps the latest update per lamp and updates counts incrementally', () => {
    const lc = new LampColumns();
    lc.load(columns([LAMP_OFF, LAMP_OFF, LAMP_OFF], [0, 0, 0], [100, 100, 100]));
    const v0 = lc.version;
    const s = lc.apply([
      batch([0, LAMP_ON, 100], [1, LAMP_ON, 100]),
      batch([0, LAMP_DIMMED, 30], [2, LAMP_FAULT, 0], [7, LAMP_ON, 100]), // 7: beyond the inventory, ignored
    ]);
    expect(s.version).toBe(v0 + 1);
    expect(Array.from(lc.state)).toEqual([LAMP_DIMMED, LAMP_ON, LAMP_FAULT]);
    expect(lc.level[0]).toBe(30);
    expect(s.byState).toEqual([0, 1, 1, 1]);
    expect(s.powerW).toBe(130);
  });

  it('takes a 50,000-lamp switch in one batch, with counts and draw as a reload would give', () => {
    const n = 50_000;
    const lc = new LampColumns();
    lc.load(columns(Array(n).fill(LAMP_OFF), Array(n).fill(0), Array(n).fill(100)));
    const dusk = { i: [] as number[], s: [] as number[], l: [] as number[] };
    for (let i = 0; i < n; i++) {
      dusk.i.push(n - 1 - i);
      dusk.s.push(i % 10 === 0 ? LAMP_DIMMED : LAMP_ON);
      dusk.l.push(i % 10 === 0 ? 50 : 100);
    }
    const v0 = lc.version;
    const s = lc.apply([dusk]);
    expect(s.version).toBe(v0 + 1);
    const fresh = new LampColumns().load(
      columns(Array.from(lc.state), Array.from(lc.level), Array(n).fill(100)),
    );
    expect(s.byState).toEqual(fresh.byState);
    expect(s.byState).toEqual([0, 45_000, 5_000, 0]);
    expect(s.powerW).toBe(fresh.powerW);
  });

  it('draws power only when lit', () => {
    expect(lampDrawW(LAMP_ON, 40, 150)).toBe(150);
    expect(lampDrawW(LAMP_DIMMED, 40, 150)).toBe(60);
    expect(lampDrawW(LAMP_FAULT, 100, 150)).toBe(0);
    expect(lampDrawW(LAMP_OFF, 100, 150)).toBe(0);
  });
});

describe('LampColumns colours', () => {
  it('keeps each lamp colour in step with its latest state and level', () => {
    const lc = new LampColumns();
    lc.load(columns([LAMP_OFF, LAMP_OFF], [0, 0], [100, 100]));
    const offColour = Array.from(lc.colors.slice(0, 4));
    lc.apply([batch([0, LAMP_DIMMED, 20], [1, LAMP_DIMMED, 100])]);
    const dimLow = Array.from(lc.colors.slice(0, 4));
    const dimHigh = Array.from(lc.colors.slice(4, 8));
    expect(dimLow).not.toEqual(offColour);
    // A lamp dimmed further is drawn darker.
    expect(dimLow[0]!).toBeLessThan(dimHigh[0]!);
    lc.apply([batch([1, LAMP_FAULT, 0])]);
    expect(Array.from(lc.colors.slice(4, 8))).toEqual([244, 63, 94, 255]);
    lc.apply([batch([0, LAMP_OFF, 0])]);
    expect(Array.from(lc.colors.slice(0, 4))).toEqual(offColour);
  });
});
