import { localDay, localMidnight, sunTimes, type Place } from './sun';

// Lighting schedules (issue 5): a group of control cabinets (tủ điều khiển) switches on after sunset,
// off before sunrise, and dims part of the night. Pure functions of (schedule, place, time), so the
// simulator switching the lamps and the browser showing "next change at 17:38" agree to the ms.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Bound on the sunset/sunrise offsets. Nights in Vietnam last over 10 h, so within 3 h each way the
 * lamps still come on and go off once a night; larger offsets are a typo (seconds or hours for minutes).
 */
const MAX_OFFSET_MIN = 180;

export type LampMode = 'on' | 'off' | 'dim';

/** What a cabinet drives its lamps to. */
export interface Setting {
  mode: LampMode;
  /** 0-100: 100 when on, 0 when off, the dim level when dimmed */
  level: number;
}

export interface LightingSchedule {
  id: string;
  /** minutes after sunset at which the lamps come on (negative: before sunset) */
  onAfterSunsetMin: number;
  /** minutes before sunrise at which they go off (negative: after sunrise) */
  offBeforeSunriseMin: number;
  /**
   * Part-night dimming, every night, in local clock time; `to` before `from` crosses midnight. It
   * applies only while the lamps are on: dusk delays its start and dawn cuts its end.
   */
  dim: { from: string; to: string; level: number } | null;
}

export interface Change {
  /** epoch ms from which `setting` holds */
  at: number;
  setting: Setting;
}

/** Minutes since local midnight of an 'HH:MM' clock time (00:00 to 23:59); `field` names it in the error. */
export function parseHhMm(text: string, field = 'time'): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m)
    throw new Error(
      `${field}: expected a clock time 'HH:MM' from 00:00 to 23:59, got ${JSON.stringify(text)}`,
    );
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A schedule with its clock times parsed, in ms since local midnight. */
interface Compiled {
  onAfterSunsetMs: number;
  offBeforeSunriseMs: number;
  dim: { fromMs: number; toMs: number; level: number } | null;
}

function checkOffset(value: number, field: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_OFFSET_MIN) {
    throw new Error(`${field}: expected minutes from -${MAX_OFFSET_MIN} to ${MAX_OFFSET_MIN}, got ${value}`);
  }
  return value * MINUTE_MS;
}

function compileSchedule(s: LightingSchedule): Compiled {
  const where = `schedule ${JSON.stringify(s.id)}`;
  if (typeof s.id !== 'string' || s.id === '') throw new Error(`schedule id: expected a non-empty string`);
  const onAfterSunsetMs = checkOffset(s.onAfterSunsetMin, `${where} onAfterSunsetMin`);
  const offBeforeSunriseMs = checkOffset(s.offBeforeSunriseMin, `${where} offBeforeSunriseMin`);
  if (!s.dim) return { onAfterSunsetMs, offBeforeSunriseMs, dim: null };
  const fromMs = parseHhMm(s.dim.from, `${where} dim.from`) * MINUTE_MS;
  const toMs = parseHhMm(s.dim.to, `${where} dim.to`) * MINUTE_MS;
  if (fromMs === toMs) {
    throw new Error(`${where} dim.to: equals dim.from (${s.dim.from}); use dim: null for no dimming`);
  }
  const { level } = s.dim;
  if (!Number.isInteger(level) || level < 0 || level > 100) {
    throw new Error(`${where} dim.level: expected an integer from 0 to 100, got ${level}`);
  }
  return { onAfterSunsetMs, offBeforeSunriseMs, dim: { fromMs, toMs, level } };
}

/**
 * Parsed once per schedule object: settingAt runs for every cabinet at every switch. A schedule is
 * treated as immutable once used; build a new object to change one.
 */
const compiled = new WeakMap<LightingSchedule, Compiled>();

function compile(s: LightingSchedule): Compiled {
  let c = compiled.get(s);
  if (!c) {
    c = compileSchedule(s);
    compiled.set(s, c);
  }
  return c;
}

/** Throws an Error naming the first bad field: an 'HH:MM', a level outside 0-100, an offset out of range. */
export function validateSchedule(schedule: LightingSchedule): void {
  compile(schedule);
}

/**
 * Checked and frozen all the way down: schedules are parsed once and cached by identity (see
 * compile), and a mistake in the table fails where it is written, naming the field, not at the
 * first dusk a lamp switches.
 */
const checked = (s: LightingSchedule): LightingSchedule => {
  const schedule = Object.freeze({ ...s, dim: s.dim && Object.freeze({ ...s.dim }) });
  validateSchedule(schedule);
  return schedule;
};

/** Huế's cabinet groups; a cabinet names its group by id. */
export const HUE_SCHEDULES: readonly LightingSchedule[] = Object.freeze(
  [
    // Main roads (trục chính): lit longest, dimmed least and only in the small hours.
    {
      id: 'truc-chinh',
      onAfterSunsetMin: 15,
      offBeforeSunriseMin: 10,
      dim: { from: '00:00', to: '04:30', level: 70 },
    },
    // Residential streets (khu dân cư).
    {
      id: 'dan-cu',
      onAfterSunsetMin: 15,
      offBeforeSunriseMin: 10,
      dim: { from: '23:00', to: '05:00', level: 50 },
    },
    // Heritage (di tích): the Imperial City and the tombs, quiet once the evening visitors have left.
    {
      id: 'di-tich',
      onAfterSunsetMin: 10,
      offBeforeSunriseMin: 15,
      dim: { from: '22:00', to: '05:00', level: 30 },
    },
  ].map(checked),
);

/** The lit part of the night that begins on local day `day`: [on, off). */
function litInterval(c: Compiled, place: Place, day: number): [number, number] {
  const on = sunTimes(place, day).sunset + c.onAfterSunsetMs;
  const off = sunTimes(place, day + 1).sunrise - c.offBeforeSunriseMs;
  return [on, off];
}

/** The dim window that starts on local day `day`, ignoring dusk and dawn: [from, to). */
function dimWindow(dim: NonNullable<Compiled['dim']>, place: Place, day: number): [number, number] {
  const midnight = localMidnight(day, place);
  const end = dim.toMs > dim.fromMs ? dim.toMs : dim.toMs + DAY_MS;
  return [midnight + dim.fromMs, midnight + end];
}

const within = ([a, b]: [number, number], t: number): boolean => a <= t && t < b;

const OFF: Setting = Object.freeze({ mode: 'off', level: 0 });
const ON: Setting = Object.freeze({ mode: 'on', level: 100 });

/**
 * What the schedule wants at epoch ms t. A switching instant belongs to what follows it: at exactly
 * the dusk switch the lamps are on. Dimming is the intersection of the dim window with the lit night.
 */
export function settingAt(schedule: LightingSchedule, place: Place, t: number): Setting {
  const c = compile(schedule);
  const today = localDay(t, place);
  // A night that lights t began today or yesterday; likewise for a dim window (at most a day long).
  const lit = within(litInterval(c, place, today - 1), t) || within(litInterval(c, place, today), t);
  if (!lit) return { ...OFF };
  const { dim } = c;
  if (dim && (within(dimWindow(dim, place, today - 1), t) || within(dimWindow(dim, place, today), t))) {
    return { mode: 'dim', level: dim.level };
  }
  return { ...ON };
}

const sameSetting = (a: Setting, b: Setting): boolean => a.mode === b.mode && a.level === b.level;

/**
 * Every switch in (from, to], in time order, each with the setting that holds from then on. Only real
 * changes are listed: a dim window wholly in daylight, or one ending at the instant the lamps go off,
 * adds nothing.
 */
export function changesBetween(schedule: LightingSchedule, place: Place, from: number, to: number): Change[] {
  if (!(to > from)) return [];
  const c = compile(schedule);
  // Every instant at which the setting could change, from the nights and dim windows touching the range.
  const candidates: number[] = [];
  for (let day = localDay(from, place) - 1; day <= localDay(to, place); day++) {
    candidates.push(...litInterval(c, place, day));
    if (c.dim) candidates.push(...dimWindow(c.dim, place, day));
  }
  candidates.sort((a, b) => a - b);
  const out: Change[] = [];
  let current = settingAt(schedule, place, from);
  let last = from;
  for (const at of candidates) {
    if (at <= last || at > to) continue; // before the range, or a duplicate
    last = at;
    const setting = settingAt(schedule, place, at);
    if (!sameSetting(setting, current)) {
      out.push({ at, setting });
      current = setting;
    }
  }
  return out;
}

/** The first change strictly after t. The lamps go on and off every night, so there is one within 2 days. */
export function nextChange(schedule: LightingSchedule, place: Place, t: number): Change {
  const next = changesBetween(schedule, place, t, t + 2 * DAY_MS)[0];
  if (!next) throw new Error(`schedule ${JSON.stringify(schedule.id)}: no change within 2 days of ${t}`);
  return next;
}

/**
 * The next switching times of the city after t, soonest first: one per schedule group (its next
 * change), for the wall's "what happens next" line.
 */
export function upcomingChanges(
  schedules: readonly LightingSchedule[],
  place: Place,
  t: number,
): (Change & { schedule: string })[] {
  return schedules
    .map((s) => ({ schedule: s.id, ...nextChange(s, place, t) }))
    .sort((a, b) => a.at - b.at || a.schedule.localeCompare(b.schedule));
}

/** When an override set at t gives way to the schedule again: the schedule's next change. */
export function overrideUntil(schedule: LightingSchedule, place: Place, t: number): number {
  return nextChange(schedule, place, t).at;
}
