import { describe, expect, it } from 'vitest';
import {
  HUE_SCHEDULES,
  changesBetween,
  nextChange,
  overrideUntil,
  parseHhMm,
  upcomingChanges,
  settingAt,
  validateSchedule,
  type LightingSchedule,
} from './schedule';
import { HUE, sunTimes } from './sun';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Epoch ms of a Huế (UTC+7) wall-clock time on a day of November 2026. */
const nov = (date: number, hh: number, mm = 0): number => Date.UTC(2026, 10, date, hh - 7, mm);
/** Local day number of 2026-11-23, and of the next. */
const D23 = Date.UTC(2026, 10, 23) / DAY;
const D24 = D23 + 1;

function schedule(id: string): LightingSchedule {
  const s = HUE_SCHEDULES.find((x) => x.id === id);
  if (!s) throw new Error(`no schedule ${id}`);
  return s;
}

const danCu = schedule('dan-cu');
/** Lamps on at dusk (sunset of the 23rd + 15 min), off at dawn (sunrise of the 24th − 10 min). */
const dusk = sunTimes(HUE, D23).sunset + 15 * MIN;
const dawn = sunTimes(HUE, D24).sunrise - 10 * MIN;

const custom = (dim: LightingSchedule['dim']): LightingSchedule => ({
  id: 'test',
  onAfterSunsetMin: 15,
  offBeforeSunriseMin: 10,
  dim,
});

describe('HUE_SCHEDULES', () => {
  it('holds the three groups, valid and frozen', () => {
    expect(HUE_SCHEDULES.map((s) => s.id)).toEqual(['truc-chinh', 'dan-cu', 'di-tich']);
    for (const s of HUE_SCHEDULES) expect(() => validateSchedule(s)).not.toThrow();
    expect(schedule('truc-chinh')).toMatchObject({
      onAfterSunsetMin: 15,
      offBeforeSunriseMin: 10,
      dim: { from: '00:00', to: '04:30', level: 70 },
    });
    expect(Object.isFrozen(danCu)).toBe(true);
    expect(Object.isFrozen(danCu.dim)).toBe(true);
  });
});

describe('settingAt', () => {
  it("follows 'dan-cu' through a November night in Huế", () => {
    // The times below assume Huế's late-November dusk and dawn.
    expect(dusk).toBeGreaterThan(nov(23, 17));
    expect(dusk).toBeLessThan(nov(23, 18));
    expect(dawn).toBeGreaterThan(nov(24, 5));
    expect(dawn).toBeLessThan(nov(24, 6, 30));

    expect(settingAt(danCu, HUE, nov(23, 12))).toEqual({ mode: 'off', level: 0 });
    expect(settingAt(danCu, HUE, nov(23, 18))).toEqual({ mode: 'on', level: 100 });
    expect(settingAt(danCu, HUE, nov(23, 23, 30))).toEqual({ mode: 'dim', level: 50 });
    expect(settingAt(danCu, HUE, nov(24, 3))).toEqual({ mode: 'dim', level: 50 });
    expect(settingAt(danCu, HUE, nov(24, 5, 30))).toEqual({ mode: 'on', level: 100 });
    expect(settingAt(danCu, HUE, nov(24, 6, 30))).toEqual({ mode: 'off', level: 0 });
  });

  it('gives a switching instant to what follows it', () => {
    expect(settingAt(danCu, HUE, dusk - 1).mode).toBe('off');
    expect(settingAt(danCu, HUE, dusk).mode).toBe('on');
    expect(settingAt(danCu, HUE, nov(23, 23) - 1).mode).toBe('on');
    expect(settingAt(danCu, HUE, nov(23, 23)).mode).toBe('dim');
    expect(settingAt(danCu, HUE, dawn - 1).mode).toBe('on');
    expect(settingAt(danCu, HUE, dawn).mode).toBe('off');
  });

  it('dims across midnight, and from midnight for a window starting at 00:00', () => {
    const diTich = schedule('di-tich');
    expect(settingAt(diTich, HUE, nov(23, 23, 59))).toEqual({ mode: 'dim', level: 30 });
    expect(settingAt(diTich, HUE, nov(24, 0, 1))).toEqual({ mode: 'dim', level: 30 });
    const trucChinh = schedule('truc-chinh');
    expect(settingAt(trucChinh, HUE, nov(24, 0) - 1)).toEqual({ mode: 'on', level: 100 });
    expect(settingAt(trucChinh, HUE, nov(24, 0))).toEqual({ mode: 'dim', level: 70 });
    expect(settingAt(trucChinh, HUE, nov(24, 4, 30))).toEqual({ mode: 'on', level: 100 });
  });

  it('starts a dim window that opens before dusk at dusk, and cuts one reaching into daylight at dawn', () => {
    const early = custom({ from: '16:00', to: '20:00', level: 40 });
    expect(settingAt(early, HUE, nov(23, 16, 30))).toEqual({ mode: 'off', level: 0 });
    expect(settingAt(early, HUE, dusk)).toEqual({ mode: 'dim', level: 40 });
    expect(settingAt(early, HUE, nov(23, 20))).toEqual({ mode: 'on', level: 100 });
    const late = custom({ from: '03:00', to: '09:00', level: 25 });
    expect(settingAt(late, HUE, dawn - 1)).toEqual({ mode: 'dim', level: 25 });
    expect(settingAt(late, HUE, dawn)).toEqual({ mode: 'off', level: 0 });
    expect(settingAt(late, HUE, nov(24, 8))).toEqual({ mode: 'off', level: 0 });
  });
});

describe('changesBetween', () => {
  it("lists on, dim, on, off for 'dan-cu' over one night, in order", () => {
    const changes = changesBetween(danCu, HUE, nov(23, 12), nov(24, 12));
    expect(changes).toEqual([
      { at: dusk, setting: { mode: 'on', level: 100 } },
      { at: nov(23, 23), setting: { mode: 'dim', level: 50 } },
      { at: nov(24, 5), setting: { mode: 'on', level: 100 } },
      { at: dawn, setting: { mode: 'off', level: 0 } },
    ]);
  });

  it('includes `to` and excludes `from`', () => {
    expect(changesBetween(danCu, HUE, dusk, nov(23, 23)).map((c) => c.at)).toEqual([nov(23, 23)]);
    expect(changesBetween(danCu, HUE, dusk - 1, dusk).map((c) => c.at)).toEqual([dusk]);
    expect(changesBetween(danCu, HUE, dusk, dusk + HOUR)).toEqual([]);
    expect(changesBetween(danCu, HUE, nov(24, 12), nov(23, 12))).toEqual([]);
  });

  it('goes straight from off to dim when the window opens before dusk, and adds nothing past dawn', () => {
    const early = custom({ from: '16:00', to: '20:00', level: 40 });
    expect(changesBetween(early, HUE, nov(23, 12), nov(24, 12))).toEqual([
      { at: dusk, setting: { mode: 'dim', level: 40 } },
      { at: nov(23, 20), setting: { mode: 'on', level: 100 } },
      { at: dawn, setting: { mode: 'off', level: 0 } },
    ]);
    const late = custom({ from: '03:00', to: '09:00', level: 25 });
    expect(changesBetween(late, HUE, nov(23, 12), nov(24, 12)).map((c) => c.setting.mode)).toEqual([
      'on',
      'dim',
      'off',
    ]);
    // A window wholly in daylight never dims anything.
    const daylight = custom({ from: '10:00', to: '14:00', level: 10 });
    expect(changesBetween(daylight, HUE, nov(23, 0), nov(25, 0)).map((c) => c.setting.mode)).toEqual([
      'off',
      'on',
      'off',
      'on',
    ]);
  });

  it('agrees with settingAt at every instant over several days', () => {
    for (const s of [...HUE_SCHEDULES, custom({ from: '16:00', to: '20:00', level: 40 }), custom(null)]) {
      const from = nov(20, 9, 17);
      const to = from + 4 * DAY;
      const changes = changesBetween(s, HUE, from, to);
      expect(changes.length).toBeGreaterThanOrEqual(8);
      for (let i = 1; i < changes.length; i++) expect(changes[i]!.at).toBeGreaterThan(changes[i - 1]!.at);
      let expected = settingAt(s, HUE, from);
      let k = 0;
      for (let t = from + 1; t <= to; t += 7 * MIN) {
        while (k < changes.length && changes[k]!.at <= t) expected = changes[k++]!.setting;
        expect(settingAt(s, HUE, t)).toEqual(expected);
      }
      // each change really is one: the setting just before differs
      for (const c of changes) expect(settingAt(s, HUE, c.at - 1)).not.toEqual(c.setting);
    }
  });
});

describe('nextChange', () => {
  it('finds the first change strictly after t', () => {
    expect(nextChange(danCu, HUE, nov(23, 12))).toEqual({ at: dusk, setting: { mode: 'on', level: 100 } });
    expect(nextChange(danCu, HUE, dusk - 1).at).toBe(dusk);
    expect(nextChange(danCu, HUE, dusk).at).toBe(nov(23, 23));
    expect(nextChange(danCu, HUE, dawn)).toEqual({
      at: sunTimes(HUE, D24).sunset + 15 * MIN,
      setting: { mode: 'on', level: 100 },
    });
  });
});

describe('overrides', () => {
  const t = nov(23, 20);
  const until = overrideUntil(danCu, HUE, t);

  it("lasts until the schedule's next change", () => {
    expect(until).toBe(nov(23, 23));
    expect(until).toBe(nextChange(danCu, HUE, t).at);
  });

  it('covers what the schedule would have done up to the instant before `until`, and no more', () => {
    expect(settingAt(danCu, HUE, t)).toEqual({ mode: 'on', level: 100 });
    expect(settingAt(danCu, HUE, until - 1)).toEqual({ mode: 'on', level: 100 });
    expect(settingAt(danCu, HUE, until)).toEqual({ mode: 'dim', level: 50 });
  });
});

describe('validation', () => {
  it('parses clock times', () => {
    expect(parseHhMm('00:00')).toBe(0);
    expect(parseHhMm('04:30')).toBe(270);
    expect(parseHhMm('23:59')).toBe(23 * 60 + 59);
    for (const bad of ['24:00', '23:60', '7:00', '07:00:00', '', 'ab:cd', ' 07:00']) {
      expect(() => parseHhMm(bad, 'dim.from')).toThrow(/dim\.from/);
    }
  });

  it('names the bad field of a schedule', () => {
    const dim = { from: '23:00', to: '05:00', level: 50 };
    expect(() => validateSchedule(custom({ ...dim, from: '25:00' }))).toThrow(/dim\.from/);
    expect(() => validateSchedule(custom({ ...dim, to: '5:00' }))).toThrow(/dim\.to/);
    expect(() => validateSchedule(custom({ ...dim, to: '23:00' }))).toThrow(/dim\.to/);
    expect(() => validateSchedule(custom({ ...dim, level: 101 }))).toThrow(/dim\.level/);
    expect(() => validateSchedule(custom({ ...dim, level: -1 }))).toThrow(/dim\.level/);
    expect(() => validateSchedule(custom({ ...dim, level: 50.5 }))).toThrow(/dim\.level/);
    expect(() => validateSchedule({ ...custom(dim), onAfterSunsetMin: Number.NaN })).toThrow(
      /onAfterSunsetMin/,
    );
    expect(() => validateSchedule({ ...custom(dim), offBeforeSunriseMin: 600 })).toThrow(
      /offBeforeSunriseMin/,
    );
    expect(() => validateSchedule({ ...custom(dim), id: '' })).toThrow(/id/);
    expect(() => validateSchedule(custom({ ...dim, level: 0 }))).not.toThrow();
    expect(() => validateSchedule(custom({ ...dim, level: 100 }))).not.toThrow();
  });

  it('refuses to run a bad schedule', () => {
    const bad = custom({ from: '23:00', to: '05:00', level: 150 });
    expect(() => settingAt(bad, HUE, nov(23, 12))).toThrow(/dim\.level/);
    expect(() => nextChange(bad, HUE, nov(23, 12))).toThrow(/dim\.level/);
  });
});

describe("the city's next switching times", () => {
  it("lists each group's next change, soonest first", () => {
    // 21:00 on the 23rd: heritage dims at 22:00, residential at 23:00, main roads at 00:00.
    expect(upcomingChanges(HUE_SCHEDULES, HUE, nov(23, 21))).toEqual([
      { schedule: 'di-tich', at: nov(23, 22), setting: { mode: 'dim', level: 30 } },
      { schedule: 'dan-cu', at: nov(23, 23), setting: { mode: 'dim', level: 50 } },
      { schedule: 'truc-chinh', at: nov(24, 0), setting: { mode: 'dim', level: 70 } },
    ]);
    // At noon every group's next change is switching on at dusk, heritage first.
    const noon = upcomingChanges(HUE_SCHEDULES, HUE, nov(23, 12));
    expect(noon.map((c) => [c.schedule, c.setting.mode])).toEqual([
      ['di-tich', 'on'],
      ['dan-cu', 'on'],
      ['truc-chinh', 'on'],
    ]);
    expect(noon[1]!.at).toBe(dusk);
  });
});
