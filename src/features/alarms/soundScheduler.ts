import type { AlarmSeverity } from './alarmsSlice';

/**
 * Which alarm sound to play now. Pure: the caller ticks it with the real time and keeps the memory
 * it returns; the WebAudio wrapper only plays what it is told. All times are real epoch ms: the city
 * clock may run ×720 in the simulator, but a siren repeats at the pace of the people in the room.
 */

export interface SoundAlarm {
  id: string;
  severity: AlarmSeverity;
  /** real time the page first saw it */
  firstSeenAt: number;
}

export interface SoundMemory {
  /** alarm id → real time its sound last played (a sound played for several alarms marks them all) */
  lastById: Readonly<Record<string, number>>;
  /** real time any alarm sound last started */
  lastAt: number | null;
}

export const EMPTY_SOUND_MEMORY: SoundMemory = { lastById: {}, lastAt: null };

export interface SoundTiming {
  /** a critical alarm repeats this often while nobody acknowledges it */
  criticalRepeatMs: number;
  /** a high alarm chimes once, and only while it is this fresh: one that arrived while sound was off stays quiet */
  highFreshMs: number;
  /** no sound starts sooner than this after another: longer than any pattern, so they never overlap */
  minGapMs: number;
}

export const SOUND_TIMING: SoundTiming = { criticalRepeatMs: 10_000, highFreshMs: 15_000, minGapMs: 2_500 };

export interface SoundPlan {
  play: AlarmSeverity | null;
  memory: SoundMemory;
}

/**
 * One sound covers every alarm of its severity that is due, so three criticals make one siren every
 * 10 s, not three interleaved ones; a critical siren also covers highs that have not chimed yet.
 * While muted nothing plays and nothing is marked: unmuting sounds a ringing critical at once.
 */
export function planSound(
  alarms: readonly SoundAlarm[],
  memory: SoundMemory,
  now: number,
  muted: boolean,
  timing: SoundTiming = SOUND_TIMING,
): SoundPlan {
  // Forget alarms that stopped ringing, so the memory stays as small as the banner.
  const lastById: Record<string, number> = {};
  for (const a of alarms) {
    const t = memory.lastById[a.id];
    if (t !== undefined) lastById[a.id] = t;
  }
  const kept: SoundMemory = { lastById, lastAt: memory.lastAt };
  // A clock set back must not hold every sound off until it catches up.
  const elapsed = (t: number) => (now >= t ? now - t : Infinity);

  if (muted) return { play: null, memory: kept };
  if (memory.lastAt !== null && elapsed(memory.lastAt) < timing.minGapMs) return { play: null, memory: kept };

  const criticals = alarms.filter((a) => a.severity === 'critical');
  const unchimedHighs = alarms.filter((a) => a.severity === 'high' && lastById[a.id] === undefined);

  const criticalDue = criticals.some((a) => {
    const last = lastById[a.id];
    return last === undefined || elapsed(last) >= timing.criticalRepeatMs;
  });
  const highDue = unchimedHighs.some((a) => elapsed(a.firstSeenAt) <= timing.highFreshMs);

  const play: AlarmSeverity | null = criticalDue ? 'critical' : highDue ? 'high' : null;
  if (!play) return { play, memory: kept };

  const covered = play === 'critical' ? [...criticals, ...unchimedHighs] : unchimedHighs;
  for (const a of covered) lastById[a.id] = now;
  return { play, memory: { lastById, lastAt: now } };
}

/** One tone of a sound pattern: seconds from the pattern's start, hertz, peak gain 0-1. */
export interface Tone {
  at: number;
  duration: number;
  frequency: number;
  wave: 'sine' | 'square' | 'triangle';
  gain: number;
}

/**
 * The sounds, as data the tests can measure. Critical: an urgent hi-lo two-tone, three times,
 * square-ish so it cuts through a room. High: a soft two-note chime that decays, once.
 */
export const SOUND_PATTERNS: Record<AlarmSeverity, readonly Tone[]> = {
  critical: [0, 1, 2].flatMap((i) => [
    { at: i * 0.56, duration: 0.24, frequency: 988, wave: 'square' as const, gain: 0.22 },
    { at: i * 0.56 + 0.28, duration: 0.24, frequency: 740, wave: 'square' as const, gain: 0.22 },
  ]),
  high: [
    { at: 0, duration: 1.2, frequency: 1047, wave: 'sine', gain: 0.35 },
    { at: 0.18, duration: 1.4, frequency: 1568, wave: 'sine', gain: 0.25 },
  ],
};
