import { describe, expect, it } from 'vitest';
import {
  EMPTY_SOUND_MEMORY,
  planSound,
  SOUND_PATTERNS,
  type Tone,
  SOUND_TIMING,
  type SoundAlarm,
  type SoundMemory,
} from './soundScheduler';

/** How long a pattern sounds, in seconds. */
const patternSeconds = (tones: readonly Tone[]): number =>
  tones.reduce((end, t) => Math.max(end, t.at + t.duration), 0);

const T = 1_700_000_000_000;
const crit = (id: string, firstSeenAt = T): SoundAlarm => ({ id, severity: 'critical', firstSeenAt });
const high = (id: string, firstSeenAt = T): SoundAlarm => ({ id, severity: 'high', firstSeenAt });

/** Ticks the scheduler every `stepMs` from `from` to `to` and lists when (offset from T) it played what. */
function run(
  alarmsAt: (now: number) => SoundAlarm[],
  from: number,
  to: number,
  opts: { stepMs?: number; muted?: (now: number) => boolean; memory?: SoundMemory } = {},
) {
  const step = opts.stepMs ?? 500;
  let memory = opts.memory ?? EMPTY_SOUND_MEMORY;
  const played: [number, string][] = [];
  for (let now = from; now <= to; now += step) {
    const plan = planSound(alarmsAt(now), memory, now, opts.muted?.(now) ?? false);
    memory = plan.memory;
    if (plan.play) played.push([now - T, plan.play]);
  }
  return { played, memory };
}

describe('the alarm sound scheduler', () => {
  it('sounds a critical alarm at once and repeats it every 10 s while it rings', () => {
    const { played } = run(() => [crit('a')], T, T + 30_000);
    expect(played).toEqual([
      [0, 'critical'],
      [10_000, 'critical'],
      [20_000, 'critical'],
      [30_000, 'critical'],
    ]);
  });

  it('stops once the alarm ends, and forgets it', () => {
    const ackAt = T + 12_000;
    const { played, memory } = run((now) => (now < ackAt ? [crit('a')] : []), T, T + 40_000);
    expect(played).toEqual([
      [0, 'critical'],
      [10_000, 'critical'],
    ]);
    expect(memory.lastById).toEqual({});
  });

  it('chimes once for a high alarm, however long it rings', () => {
    const { played } = run(() => [high('h')], T, T + 60_000);
    expect(played).toEqual([[0, 'high']]);
  });

  it('keeps quiet for a high alarm that is no longer fresh when sound becomes possible', () => {
    const stale = high('h', T - SOUND_TIMING.highFreshMs - 1);
    expect(planSound([stale], EMPTY_SOUND_MEMORY, T, false).play).toBeNull();
    const fresh = high('h', T - SOUND_TIMING.highFreshMs);
    expect(planSound([fresh], EMPTY_SOUND_MEMORY, T, false).play).toBe('high');
  });

  it('plays nothing while muted and marks nothing, so unmuting sounds a ringing critical at once', () => {
    const unmuteAt = T + 25_000;
    const { played } = run(() => [crit('a')], T, T + 36_000, { muted: (now) => now < unmuteAt });
    expect(played).toEqual([
      [25_000, 'critical'],
      [35_000, 'critical'],
    ]);
  });

  it('muting silences a critical already ringing', () => {
    const muteAt = T + 5_000;
    const { played } = run(() => [crit('a')], T, T + 60_000, { muted: (now) => now >= muteAt });
    expect(played).toEqual([[0, 'critical']]);
  });

  it('makes several criticals one siren, not one each', () => {
    const { played } = run(() => [crit('a'), crit('b'), crit('c')], T, T + 10_000);
    expect(played).toEqual([
      [0, 'critical'],
      [10_000, 'critical'],
    ]);
  });

  it('sounds a newly arrived critical soon, but never over a sound still playing', () => {
    const second = T + 1_000;
    const { played } = run(
      (now) => (now < second ? [crit('a')] : [crit('a'), crit('b', second)]),
      T,
      T + 14_000,
    );
    // b arrives 1 s after a's siren started: it waits out the gap, then one siren covers both.
    expect(played).toEqual([
      [0, 'critical'],
      [SOUND_TIMING.minGapMs, 'critical'],
      [SOUND_TIMING.minGapMs + 10_000, 'critical'],
    ]);
  });

  it('lets a critical siren cover a high alarm that arrived with it', () => {
    const { played } = run(() => [crit('c'), high('h')], T, T + 12_000);
    expect(played).toEqual([
      [0, 'critical'],
      [10_000, 'critical'],
    ]);
  });

  it('chimes for a high alarm that arrives between critical repeats', () => {
    const highAt = T + 4_000;
    const { played } = run(
      (now) => (now < highAt ? [crit('c')] : [crit('c'), high('h', highAt)]),
      T,
      T + 10_000,
    );
    expect(played).toEqual([
      [0, 'critical'],
      [4_000, 'high'],
      [10_000, 'critical'],
    ]);
  });

  it('is not held off by a clock set back', () => {
    const memory: SoundMemory = { lastById: { a: T + 3_600_000 }, lastAt: T + 3_600_000 };
    expect(planSound([crit('a')], memory, T, false).play).toBe('critical');
  });
});

describe('the alarm sounds', () => {
  it('each fits inside the gap between sounds, so two never overlap', () => {
    for (const tones of Object.values(SOUND_PATTERNS))
      expect(patternSeconds(tones) * 1000).toBeLessThan(SOUND_TIMING.minGapMs);
  });

  it('critical is a two-tone pattern, repeated', () => {
    const freqs = SOUND_PATTERNS.critical.map((t) => t.frequency);
    expect(new Set(freqs).size).toBe(2);
    expect(freqs.length).toBeGreaterThanOrEqual(4);
  });

  it('high is softer than critical', () => {
    const peak = (sev: keyof typeof SOUND_PATTERNS) => Math.max(...SOUND_PATTERNS[sev].map((t) => t.gain));
    const critLoudness = SOUND_PATTERNS.critical.some((t) => t.wave === 'square');
    expect(SOUND_PATTERNS.high.every((t) => t.wave === 'sine')).toBe(true);
    expect(critLoudness).toBe(true);
    expect(peak('high')).toBeLessThanOrEqual(0.5);
  });
});
