// The indicators' live values, going on from the end of their seeded history: counts accumulate
// within their period and start again at the next one, rates wander a little around their model's
// level, stocks follow it. Each step gives the city's value for the period in progress and, for a
// per-ward indicator, one ward's: a modest stream that still moves every tile and, in time, every ward.
import { periodStart } from '../../src/shared/city/periods';
import { HUE_WARDS } from '../../src/shared/city/wards';
import { roundFor } from './indicatorModels';
import type { IndicatorState } from './kpiHistory';
import type { Rng } from './rng';
import { DAY_MS, HOUR_MS, localMsOfDay } from './sun';
import type { Kpi } from '../../src/shared/protocol/events';

/**
 * Most of what people do happens between 7:00 and 21:00; street lights save energy only at night.
 * Both average about 1 over a day, so a day's total keeps the model's level.
 */
function activity(id: string, t: number): number {
  const h = localMsOfDay(t) / HOUR_MS;
  const day = h >= 7 && h < 21;
  if (id === 'lighting-energy-saved') return h >= 18 || h < 6 ? 2 : 0;
  return day ? 1.55 : 0.1;
}

export class LiveIndicator {
  private lastT: number;
  /** flows: unrounded amounts so far in the period, per ward or for the city */
  private readonly amounts: number[];

  constructor(
    private readonly state: IndicatorState,
    now: number,
  ) {
    this.lastT = now;
    this.amounts = state.wards ? state.wards.slice() : [state.city];
  }

  get id(): string {
    return this.state.def.id;
  }

  /** The city's value now, as the state's KPI list has it. */
  current(): Kpi {
    return this.update(this.state.city, this.lastT, this.state.periodStart);
  }

  /** Moves on to time t: the updates to send, the city's first. */
  step(rng: Rng, t: number): Kpi[] {
    const { state } = this;
    const kind = state.def.period;
    const out: Kpi[] = [];
    const start = periodStart(kind, t);
    const restarted = start !== state.periodStart;
    if (restarted) {
      // The period that ended gets its last value; the new one starts from nothing.
      if (state.model.shape === 'flow') {
        this.accumulate(rng, this.lastT, start);
        out.push(this.update(state.city, start - 1, state.periodStart));
        this.amounts.fill(0);
        this.lastT = start;
      }
      state.periodStart = start;
    }
    if (state.model.shape === 'flow') this.accumulate(rng, this.lastT, t);
    else this.level(rng, t, restarted);
    this.lastT = t;
    out.push(this.update(state.city, t, state.periodStart));
    if (state.wards) {
      const i = rng.int(0, state.wards.length - 1);
      const ward = HUE_WARDS[i]?.code;
      if (ward) out.push({ ...this.update(state.wards[i] ?? 0, t, state.periodStart), ward });
    }
    return out;
  }

  private accumulate(rng: Rng, from: number, to: number): void {
    if (to <= from) return;
    const { state } = this;
    const { model, def } = state;
    const mid = (from + to) / 2;
    const expected = model.level(mid) * ((to - from) / DAY_MS) * activity(def.id, mid);
    const shares = state.shares ?? [1];
    for (let i = 0; i < this.amounts.length; i++) {
      // Unrounded, so that many small steps add up to what the model expects.
      const share = expected * (shares[i] ?? 0) * Math.max(0, 1 + model.noise * rng.normal());
      this.amounts[i] = (this.amounts[i] ?? 0) + share;
    }
    const values = this.amounts.map((a) => roundFor(def.unit, def.unit === 'count' ? Math.floor(a) : a));
    if (state.wards) {
      state.wards = values;
      state.city = roundFor(
        def.unit,
        values.reduce((a, b) => a + b, 0),
      );
    } else state.city = values[0] ?? 0;
  }

  private level(rng: Rng, t: number, restarted: boolean): void {
    const { state } = this;
    const { model, def } = state;
    const target = model.level(t);
    const bounded = (v: number) =>
      roundFor(
        def.unit,
        Math.min(def.unit === 'percent' ? 100 : Infinity, Math.max(def.unit === 'percent' ? 0 : -100, v)),
      );
    if (model.shape === 'stock') {
      state.city = Math.max(0, Math.floor(target));
      return;
    }
    // A step pulls a tenth of the way back to the model, so the value wanders but never strays far.
    const from = restarted ? target : state.city;
    state.city = bounded(from + (target - from) * 0.1 + model.noise * 0.15 * rng.normal());
    if (state.wards && state.offsets) {
      state.wards = state.wards.map((w, i) => {
        const aim = state.city + (state.offsets?.[i] ?? 0);
        return bounded(w + (aim - w) * 0.2 + model.noise * 0.1 * rng.normal());
      });
    }
  }

  private update(value: number, at: number, start: number): Kpi {
    const { def } = this.state;
    return {
      id: def.id,
      value,
      unit: def.unit,
      at: new Date(at).toISOString(),
      period: { kind: def.period, start: new Date(start).toISOString() },
      simulated: true,
    };
  }
}
