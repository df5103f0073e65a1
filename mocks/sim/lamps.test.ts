import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_OFF, LAMP_ON } from '../../src/shared/protocol/codes';
import { buildLampLayout, nextScheduledSwitch, scheduledLampState } from './lamps';
import { localDay, localMidnight, sunTimes } from './sun';

// Reference times from /work/shared/data/hue/sun-times.json (NOAA equations, Huế centre, UTC+7).
const REFERENCE = [
  ['2026-01-15', '06:21', '17:37'],
  ['2026-03-20', '05:54', '18:00'],
  ['2026-06-21', '05:18', '18:25'],
  ['2026-09-23', '05:39', '17:45'],
  ['2026-12-21', '06:13', '17:22'],
] as const;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+07:00`);

describe('sunTimes', () => {
  it.each(REFERENCE)('matches the NOAA reference on %s within 3 minutes', (date, rise, set) => {
    const sun = sunTimes(localDay(local(date, '12:00')));
    expect(Math.abs(sun.sunrise - minutes(rise))).toBeLessThan(3);
    expect(Math.abs(sun.sunset - minutes(set))).toBeLessThan(3);
  });
});

describe('scheduledLampState', () => {
  it('follows dusk, part-night dimming and dawn', () => {
    const day = '2026-11-23';
    expect(scheduledLampState(local(day, '12:00'))).toBe(LAMP_OFF);
    expect(scheduledLampState(local(day, '17:00'))).toBe(LAMP_OFF);
    expect(scheduledLampState(local(day, '17:45'))).toBe(LAMP_ON);
    expect(scheduledLampState(local(day, '22:59'))).toBe(LAMP_ON);
    expect(scheduledLampState(local(day, '23:00'))).toBe(LAMP_DIMMED);
    expect(scheduledLampState(local('2026-11-24', '04:59'))).toBe(LAMP_DIMMED);
    expect(scheduledLampState(local('2026-11-24', '05:00'))).toBe(LAMP_ON);
    expect(scheduledLampState(local('2026-11-24', '06:10'))).toBe(LAMP_OFF);
  });

  it('lists four switching times a day, each changing the state', () => {
    let t = localMidnight(localDay(local('2026-06-21', '00:00')));
    const switches: number[] = [];
    for (let i = 0; i < 8; i++) {
      const next = nextScheduledSwitch(t);
      expect(next).toBeGreaterThan(t);
      expect(scheduledLampState(next)).not.toBe(scheduledLampState(next - 1));
      switches.push(next);
      t = next;
    }
    expect(switches[4]! - switches[0]!).toBeGreaterThan(23.9 * 3_600_000);
    expect(switches[4]! - switches[0]!).toBeLessThan(24.1 * 3_600_000);
  });
});

describe('buildLampLayout', () => {
  it('is the same for the same seed and packs each cabinet contiguously', () => {
    const a = buildLampLayout(5, 3000);
    const b = buildLampLayout(5, 3000);
    expect(Array.from(b.lon)).toEqual(Array.from(a.lon));
    expect(a.cabinets[0]?.start).toBe(0);
    expect(a.cabinets.at(-1)?.end).toBe(3000);
    a.cabinets.forEach((c, i) => {
      if (i > 0) expect(c.start).toBe(a.cabinets[i - 1]!.end);
      for (let k = c.start; k < c.end; k++) expect(a.cabinet[k]).toBe(i);
      expect(c.offsetMs).toBeGreaterThanOrEqual(0);
      expect(c.offsetMs).toBeLessThanOrEqual(10 * 60_000);
    });
  });

  it('spaces lamps along streets, not on top of each other', () => {
    const l = buildLampLayout(1, 2000);
    const keys = new Set<string>();
    for (let i = 0; i < l.count; i++) keys.add(`${l.lon[i]},${l.lat[i]}`);
    expect(keys.size).toBe(l.count);
    let near = 0;
    for (let i = 1; i < l.count; i++) {
      const dx = (l.lon[i]! - l.lon[i - 1]!) * 106_700;
      const dy = (l.lat[i]! - l.lat[i - 1]!) * 110_600;
      const d = Math.hypot(dx, dy);
      if (d > 20 && d < 50) near++;
    }
    // most consecutive lamps are neighbours on the same street, ~32 m apart
    expect(near / l.count).toBeGreaterThan(0.8);
  });
});
