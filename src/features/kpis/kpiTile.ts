import type { KpiDefinition } from '../../shared/city/kpiCatalogue';
import { nextPeriodStart } from '../../shared/city/periods';
import type { Kpi, KpiSample } from '../../shared/protocol/events';
import {
  isBelowTarget,
  liveSample,
  periodValues,
  sparklinePoints,
  targetOver,
  trendPoints,
  trendWindow,
} from '../briefing';

/** What one of the wall's trend tiles shows: the stream's latest value, its target and recent trend. */
export interface KpiTile {
  value: number;
  target: number;
  belowTarget: boolean;
  /** [bucket start, value]; empty without history (the hub unreachable) */
  spark: [number, number][];
}

/**
 * A tile of indicator `def` from its latest city value `live` and its city history. The value is the
 * one of the period in progress (a month to date), so a count is held to its target for the part of
 * the period gone by when it was measured, as the briefing's "this month" holds it. The sparkline is
 * the briefing's trend with the live value laid over the history: the last 30 days for a daily
 * indicator, the last 12 months for the others, up to the value's own time.
 */
export function kpiTile(def: KpiDefinition, live: Kpi, history: readonly KpiSample[]): KpiTile {
  const sample = liveSample(def, live);
  const at = Date.parse(sample.at);
  const start = Date.parse(sample.period.start);
  const to = Math.min(at, nextPeriodStart(sample.period.kind, start));
  // A value measured at its period's first instant covers nothing yet: the whole period's target.
  const target = to > start ? targetOver(def, { from: start, to }) : def.target;
  let spark: [number, number][] = [];
  if (history.length > 0) {
    const { range, kind } = trendWindow(def.period === 'day' ? 'month' : 'year', at);
    spark = sparklinePoints(trendPoints(periodValues([...history, sample], def.id), def, range, kind), def);
  }
  return { value: live.value, target, belowTarget: isBelowTarget(def, live.value, target), spark };
}
