import { energyTotals, DAY_SPAN_MS, type EnergyTotals } from '../src/shared/lights/daily';
import { lampDrawW, PowerSeries } from '../src/shared/lights/energy';
import type { Place } from '../src/shared/lights/sun';
import type { LampColumns, PowerHistory } from '../src/shared/protocol/events';

/** The lamp columns the meter reads: the protocol's arrays or the hub's typed ones. */
type MeteredLamps = Pick<LampColumns, 'count' | 'watts'> & {
  state: ArrayLike<number>;
  level: ArrayLike<number>;
};

/** Sum of the lamps' draw in watts, by the same rule as the wall's lamp columns. */
export function cityDrawW(lamps: MeteredLamps): number {
  const n = Math.min(lamps.count, lamps.state.length, lamps.level.length, lamps.watts.length);
  let w = 0;
  for (let i = 0; i < n; i++) w += lampDrawW(lamps.state[i]!, lamps.level[i]!, lamps.watts[i]!);
  return Math.max(0, Math.round(w));
}

/**
 * The meter's past at a hub's start: what the lamps of the stored keyframes drew, each until the next
 * (a restart, or a node joining, keeps the day in the keyframes' steps), and before the first of
 * them the simulator's own past. The keyframes win where both reach: they hold the operators' commands.
 */
export function pastPower(
  simPast: readonly (readonly [number, number])[],
  frames: readonly { at: number; state: ArrayLike<number>; level: ArrayLike<number> }[],
  watts: LampColumns['watts'],
): [number, number][] {
  const first = frames[0]?.at ?? Infinity;
  return [
    ...simPast.filter(([t]) => t < first).map(([t, w]): [number, number] => [t, w]),
    ...frames.map((f): [number, number] => [f.at, cityDrawW({ count: watts.length, watts, ...f })]),
  ];
}

/** `GET /api/lights/energy`: the day so far and the last 24 hours of city lighting power. */
export interface EnergyReport extends Omit<EnergyTotals, 'points'> {
  at: number;
  powerW: number;
  /** every lamp's rating added up: the baseline's rate */
  ratedW: number;
  spacingMs: number;
  points: [number, number][];
}

/**
 * The hub's meter of city lighting power: a sample a city minute of what the lamps in its state
 * draw, 26 hours kept. Seeded with the simulator's own past, so that a wall opened late in the
 * evening has the whole day; from then on it reads the hub's state, whoever changed the lamps.
 */
export class PowerMeter {
  private readonly series = new PowerSeries();
  /** the columns last read: the state replaces them when a lamp changes, so identity says "changed" */
  private read: { state: ArrayLike<number>; level: ArrayLike<number> } | null = null;
  private lastW = 0;
  private ratedW = 0;
  private ratedOf: readonly number[] | null = null;

  constructor(past: readonly (readonly [number, number])[] = []) {
    for (const [t, w] of past) this.series.add(t, w);
  }

  /** Reads the lamps at city time `now` if they changed since the last read. O(lamps) then, else O(1). */
  sample(lamps: MeteredLamps, cityNow: number): void {
    const now = Math.round(cityNow);
    if (this.read?.state !== lamps.state || this.read.level !== lamps.level) {
      this.read = { state: lamps.state, level: lamps.level };
      this.lastW = cityDrawW(lamps);
    }
    if (this.ratedOf !== lamps.watts) {
      this.ratedOf = lamps.watts;
      this.ratedW = lamps.watts.reduce((a, b) => a + b, 0);
    }
    this.series.add(now, this.lastW);
  }

  /** The last `spanMs` as the snapshot carries it. */
  history(cityNow: number, spanMs = DAY_SPAN_MS): PowerHistory {
    const now = Math.round(cityNow);
    return { spacingMs: this.series.spacingMs, points: this.series.window(now - spanMs, now) };
  }

  report(cityNow: number, place?: Place): EnergyReport {
    const now = Math.round(cityNow);
    const totals = energyTotals(this.series, now, this.ratedW, place);
    return {
      at: now,
      powerW: this.lastW,
      ratedW: this.ratedW,
      spacingMs: this.series.spacingMs,
      ...totals,
    };
  }
}
