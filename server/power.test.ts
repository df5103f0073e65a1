import { describe, expect, it } from 'vitest';
import { localDay, localMidnight, sunTimes, HUE } from '../src/shared/lights/sun';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../src/shared/protocol/codes';
import { cityDrawW, pastPower, PowerMeter } from './power';

const HOUR = 3_600_000;
const DAY = localDay(Date.UTC(2026, 10, 23, 5, 0));
const midnight = localMidnight(DAY);
const dawn = sunTimes(HUE, DAY).sunrise;

const lamps = (state: number[], level: number[]) => ({
  count: state.length,
  state,
  level,
  watts: [100, 100, 100, 100],
});

describe('cityDrawW', () => {
  it('adds on lamps at their rating, dimmed ones by level, and nothing for off or failed ones', () => {
    expect(cityDrawW(lamps([LAMP_ON, LAMP_DIMMED, LAMP_OFF, LAMP_FAULT], [100, 30, 0, 0]))).toBe(130);
  });
});

describe('PowerMeter', () => {
  it('reads the lamps again only when the state handed them over as new columns', () => {
    const meter = new PowerMeter();
    const cols = lamps([LAMP_ON, LAMP_ON, LAMP_OFF, LAMP_OFF], [100, 100, 0, 0]);
    meter.sample(cols, midnight);
    // The hub's state never changes columns in place; a change there is a new array. In place, it is not seen.
    cols.state[2] = LAMP_ON;
    meter.sample(cols, midnight + HOUR);
    expect(meter.report(midnight + HOUR).powerW).toBe(200);
    meter.sample({ ...cols, state: [...cols.state], level: [100, 100, 100, 0] }, midnight + HOUR);
    expect(meter.report(midnight + HOUR).powerW).toBe(300);
  });

  it('starts from a history it is given and reports the day against the baseline', () => {
    // All 400 W from the evening before, dimmed to half at midnight, off at dawn.
    const meter = new PowerMeter([
      [midnight - 4 * HOUR, 400],
      [midnight, 200],
    ]);
    meter.sample(lamps([LAMP_OFF, LAMP_OFF, LAMP_OFF, LAMP_OFF], [0, 0, 0, 0]), dawn);
    const noon = midnight + 12 * HOUR;
    const r = meter.report(noon);
    expect(r.since).toBe(midnight);
    expect(r.ratedW).toBe(400);
    expect(r.todayWh).toBeCloseTo((200 * (dawn - midnight)) / HOUR, 6);
    expect(r.baselineWh).toBeCloseTo((400 * (dawn - midnight)) / HOUR, 6);
    expect(r.saved).toBeCloseTo(0.5, 9);
    expect(r.points.at(-1)).toEqual([dawn, 0]);

    const h = meter.history(noon, 13 * HOUR);
    expect(h.spacingMs).toBe(60_000);
    expect(h.points).toEqual([
      [noon - 13 * HOUR, 400],
      [midnight, 200],
      [dawn, 0],
    ]);
  });
});

describe('pastPower: the meter at a start on a stored city', () => {
  const frame = (at: number, state: number[], level: number[]) => ({ at, state, level });
  const watts = [100, 100, 100, 100];

  it("takes what the keyframes drew where they reach, and the simulator's past only before the first", () => {
    const sim: [number, number][] = [
      [midnight, 400],
      [midnight + HOUR, 400],
      [midnight + 20 * HOUR, 400],
    ];
    const frames = [
      frame(midnight + 18 * HOUR, [LAMP_ON, LAMP_ON, LAMP_OFF, LAMP_OFF], [100, 100, 0, 0]),
      // An operator dimmed two lamps at 19:00: the simulator's schedule knows nothing of it.
      frame(midnight + 19 * HOUR, [LAMP_ON, LAMP_ON, LAMP_DIMMED, LAMP_DIMMED], [100, 100, 30, 30]),
    ];
    expect(pastPower(sim, frames, watts)).toEqual([
      [midnight, 400],
      [midnight + HOUR, 400],
      [midnight + 18 * HOUR, 200],
      [midnight + 19 * HOUR, 260],
    ]);
  });

  it("is the keyframes alone without a simulator, and the simulator's past alone on a new city", () => {
    const frames = [frame(midnight, [LAMP_ON, LAMP_FAULT, LAMP_OFF, LAMP_ON], [100, 0, 0, 100])];
    expect(pastPower([], frames, watts)).toEqual([[midnight, 200]]);
    expect(pastPower([[midnight, 50]], [], watts)).toEqual([[midnight, 50]]);
  });

  it('gives a meter that holds the stored evening: its energy and its 24 hours', () => {
    const frames = [
      frame(midnight + 18 * HOUR, [LAMP_ON, LAMP_ON, LAMP_ON, LAMP_ON], [100, 100, 100, 100]),
      frame(midnight + 20 * HOUR, [LAMP_DIMMED, LAMP_DIMMED, LAMP_DIMMED, LAMP_DIMMED], [50, 50, 50, 50]),
    ];
    const meter = new PowerMeter(pastPower([], frames, watts));
    const history = meter.history(midnight + 21 * HOUR);
    expect(history.points).toEqual([
      [midnight + 18 * HOUR, 400],
      [midnight + 20 * HOUR, 200],
    ]);
  });
});
