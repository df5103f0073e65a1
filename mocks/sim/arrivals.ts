// When things happen in the simulated city: Poisson processes whose rate follows the hour of the day.
import type { Rng } from './rng';
import { DAY_MS, HOUR_MS, localMsOfDay } from './sun';

/** Hue-S receives about 4,000 reports a year (3,550 in 2020). */
export const INCIDENTS_PER_YEAR = 4_000;

// Reports by local hour: few at night, a morning and an afternoon peak.
const REPORT_PROFILE = [
  0.15, 0.1, 0.08, 0.08, 0.12, 0.35, 0.8, 1.4, 1.9, 2.0, 1.9, 1.5, 1.1, 1.3, 1.7, 1.8, 1.6, 1.3, 1.1, 0.9,
  0.7, 0.5, 0.35, 0.2,
];

const YEAR_MS = 365.25 * DAY_MS;

/** A Poisson process whose rate follows a daily profile, sampled by thinning. */
export class DailyProcess {
  private readonly maxRate: number;
  private readonly peak: number;

  constructor(
    private readonly profile: readonly number[],
    perMs: number,
  ) {
    const mean = profile.reduce((a, b) => a + b, 0) / profile.length;
    this.peak = Math.max(...profile);
    this.maxRate = (perMs * this.peak) / mean;
  }

  /** The next event time after t. */
  next(rng: Rng, t: number): number {
    for (;;) {
      t += rng.exp(1 / this.maxRate);
      const w = this.profile[Math.floor(localMsOfDay(t) / HOUR_MS)] ?? 1;
      if (rng.next() * this.peak < w) return Math.round(t);
    }
  }
}

/** Citizen reports as they arrive: `perYear` of them (INCIDENTS_PER_YEAR), by the hour of the day. */
export function reportArrivals(perYear = INCIDENTS_PER_YEAR): DailyProcess {
  return new DailyProcess(REPORT_PROFILE, perYear / YEAR_MS);
}
