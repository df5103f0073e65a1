import type { KpiPeriodKind } from '../city/kpiCatalogue';
import { SYSTEM_THRESHOLDS } from '../city/systemThresholds';

/*
 * How fresh a widget's data is, and the quality of its values as OPC UA grades them: good, uncertain
 * (old, may no longer hold) or bad (so old, or never received, that it must not be trusted).
 *
 * Real time, not city time. Every age here is real milliseconds since the data arrived at the page or
 * was measured. The simulator's city clock may run ×720: on it, lamps that last spoke 30 real seconds
 * ago would be 6 city hours old and everything would always look stale, while a thresholds table in
 * city time would mean nothing against a real producer. Whether data can be trusted depends on how long
 * its source has really been quiet, and that is what the room needs to know. Data stamped in city time
 * (an indicator's `at`, the hub's times of last data) is turned into real time at the clock's scale
 * (realTimeOf). The hub judges the systems on its real clock for the same reason (server/systems.ts).
 */

export type Quality = 'good' | 'uncertain' | 'bad';

/** The data behind the wall's widgets, each with a threshold of its own. */
export type FreshSource = 'lamps' | 'incidents' | 'cameras' | 'systems' | `kpi-${KpiPeriodKind}`;

export interface FreshThresholds {
  /** older than this: dimmed, uncertain */
  staleAfterMs: number;
  /** older than this: bad */
  badAfterMs: number;
}

export interface Freshness {
  /** real ms since the data arrived or was measured; null when none ever did */
  ageMs: number | null;
  quality: Quality;
  /** anything but good: the widget dims and says how old its data is */
  stale: boolean;
}

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

const bySystem = (s: keyof typeof SYSTEM_THRESHOLDS): FreshThresholds => ({
  staleAfterMs: SYSTEM_THRESHOLDS[s].lateAfterMs,
  badAfterMs: SYSTEM_THRESHOLDS[s].silentAfterMs,
});

/**
 * Lamp telemetry is expected every few seconds and a wall of lamps 30 s behind misleads the night
 * shift. Reports and camera alerts come when something happens, so they are judged by their system's
 * heartbeat, with the hub's own thresholds. The systems strip is refreshed by the hub every 5 s while
 * any live system speaks. An indicator is fresh until its next period's figure is overdue.
 */
export const FRESHNESS_THRESHOLDS: Readonly<Record<FreshSource, FreshThresholds>> = {
  lamps: { staleAfterMs: 30 * SECOND_MS, badAfterMs: SYSTEM_THRESHOLDS.lighting.silentAfterMs },
  incidents: bySystem('hue-s'),
  cameras: bySystem('cameras'),
  systems: { staleAfterMs: 15 * SECOND_MS, badAfterMs: 5 * 60 * SECOND_MS },
  'kpi-day': { staleAfterMs: 1.5 * DAY_MS, badAfterMs: 3 * DAY_MS },
  'kpi-month': { staleAfterMs: 45 * DAY_MS, badAfterMs: 100 * DAY_MS },
  'kpi-quarter': { staleAfterMs: 120 * DAY_MS, badAfterMs: 365 * DAY_MS },
  'kpi-year': { staleAfterMs: 400 * DAY_MS, badAfterMs: 800 * DAY_MS },
};

/**
 * The freshness of `source`'s data that last arrived at `lastAt` (real epoch ms; null: never), at
 * real time `now`. A clock that went back a little counts as an age of 0, not a negative one.
 */
export function freshness(
  source: FreshSource,
  lastAt: number | null,
  now: number,
  thresholds: Readonly<Record<FreshSource, FreshThresholds>> = FRESHNESS_THRESHOLDS,
): Freshness {
  if (lastAt === null) return { ageMs: null, quality: 'bad', stale: true };
  const ageMs = Math.max(0, now - lastAt);
  const t = thresholds[source];
  const quality: Quality = ageMs >= t.badAfterMs ? 'bad' : ageMs >= t.staleAfterMs ? 'uncertain' : 'good';
  return { ageMs, quality, stale: quality !== 'good' };
}

const RANK: Record<Quality, number> = { good: 0, uncertain: 1, bad: 2 };

/**
 * A widget fed by several sources is as good as its worst: the worst quality, and among equals the
 * oldest data (never received counts oldest). Nothing at all is bad.
 */
export function worstOf(list: readonly Freshness[]): Freshness {
  let worst: Freshness | null = null;
  for (const f of list) {
    if (
      !worst ||
      RANK[f.quality] > RANK[worst.quality] ||
      (RANK[f.quality] === RANK[worst.quality] && (f.ageMs ?? Infinity) > (worst.ageMs ?? Infinity))
    )
      worst = f;
  }
  return worst ?? { ageMs: null, quality: 'bad', stale: true };
}

/** The later of two times of arrival, either of which may be unknown. */
export function latest(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return Math.max(a, b);
}

/**
 * The real time at which something stamped `cityAt` on the city clock happened, given that the city
 * clock read `cityRef` at real time `realRef` and runs `scale` times faster than real time. Exact while
 * the scale stayed the same in between, which it does for a simulator's run and a real city (scale 1).
 */
export function realTimeOf(cityAt: number, cityRef: number, realRef: number, scale: number): number {
  return realRef - (cityRef - cityAt) / (scale > 0 ? scale : 1);
}

export type AgeUnit = 's' | 'min' | 'h' | 'd';

/** An age in the largest whole unit that fits, floored: "59 s" until a full minute. */
export function ageParts(ageMs: number): { n: number; unit: AgeUnit } {
  const s = Math.floor(Math.max(0, ageMs) / SECOND_MS);
  if (s < 60) return { n: s, unit: 's' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'min' };
  if (s < 86_400) return { n: Math.floor(s / 3600), unit: 'h' };
  return { n: Math.floor(s / 86_400), unit: 'd' };
}
