import { describe, expect, it } from 'vitest';
import { HUE, localDay, localMidnight, sunTimes } from '../../../shared/lights/sun';
import { DAY_SPAN_MS } from '../../../shared/lights/daily';
import { powerChartOption, type PowerChartInput } from './powerChart';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = localDay(Date.UTC(2026, 10, 23, 5, 0)); // 23 November 2026 in Huế
const midnight = localMidnight(DAY);
const NOON = midnight + 12 * HOUR;
const labels = { power: 'power', baseline: 'baseline' };

type Point = [number, number];
interface SeriesShape {
  id: string;
  step: string;
  lineStyle: { type?: string };
  data: Point[];
}
interface AxisShape {
  min: number;
  max: number;
  axisLabel: { formatter: (v: number) => string };
}

function build(over: Partial<PowerChartInput> = {}) {
  const option = powerChartOption({ points: [], now: NOON, ratedW: 50_000, lang: 'vi', labels, ...over });
  const series = option.series as unknown as SeriesShape[];
  const byId = (id: string) => series.find((s) => s.id === id)!;
  return {
    option,
    power: byId('power'),
    baseline: byId('baseline'),
    x: option.xAxis as unknown as AxisShape,
  };
}

/** The value a step line ('end') shows at t: that of the last point at or before t. */
function valueAt(data: Point[], t: number): number | undefined {
  let v: number | undefined;
  for (const [x, y] of data) if (x <= t) v = y;
  return v;
}

describe('powerChartOption', () => {
  it('spans the last 24 hours, labelled in city time whatever the machine zone', () => {
    const { x } = build();
    expect(x.min).toBe(NOON - DAY_SPAN_MS);
    expect(x.max).toBe(NOON);
    expect(DAY_SPAN_MS).toBe(24 * HOUR);
    // 12:00 in Huế is 05:00 UTC
    expect(x.axisLabel.formatter(NOON)).toBe('12:00');
    expect(x.axisLabel.formatter(midnight + 18 * HOUR + 5 * MIN)).toBe('18:05');
  });

  it('grows its labels and lines with the wall’s scale, so a 4K wall reads them as a 1080p one', () => {
    const size = (o: ReturnType<typeof build>) => {
      const x = o.option.xAxis as { axisLabel: { fontSize: number } };
      const y = o.option.yAxis as { axisLabel: { fontSize: number } };
      return [x.axisLabel.fontSize, y.axisLabel.fontSize, (o.power.lineStyle as { width?: number }).width];
    };
    expect(size(build())).toEqual([12, 12, 2]);
    expect(size(build({ scale: 2 }))).toEqual([24, 24, 4]);
  });

  it('draws the samples in kW as a step held until now, dropping those outside the span', () => {
    const points: Point[] = [
      [NOON - 30 * HOUR, 99_000],
      [NOON - 3 * HOUR, 12_500],
      [NOON - 2 * HOUR, 0],
      [NOON - HOUR, 1_250],
    ];
    const { power } = build({ points });
    expect(power.step).toBe('end');
    expect(power.data).toEqual([
      [NOON - 3 * HOUR, 12.5],
      [NOON - 2 * HOUR, 0],
      [NOON - HOUR, 1.25],
      [NOON, 1.25],
    ]);
  });

  it('has an empty power line and still the baseline when there are no samples yet', () => {
    const { power, baseline } = build({ points: [] });
    expect(power.data).toEqual([]);
    expect(baseline.data.length).toBeGreaterThan(1);
  });

  it('puts the dashed baseline at the full rating by night and at 0 by day', () => {
    const { baseline } = build({ ratedW: 42_000 });
    expect(baseline.lineStyle.type).toBe('dashed');
    const yesterday = sunTimes(HUE, DAY - 1);
    const today = sunTimes(HUE, DAY);
    // the chart runs from yesterday noon to today noon
    expect(valueAt(baseline.data, NOON - 23 * HOUR)).toBe(0);
    expect(valueAt(baseline.data, yesterday.sunset - MIN)).toBe(0);
    expect(valueAt(baseline.data, yesterday.sunset + MIN)).toBe(42);
    expect(valueAt(baseline.data, midnight + 2 * HOUR)).toBe(42);
    expect(valueAt(baseline.data, today.sunrise - MIN)).toBe(42);
    expect(valueAt(baseline.data, today.sunrise + MIN)).toBe(0);
    expect(baseline.data[0]![0]).toBe(NOON - DAY_SPAN_MS);
    expect(baseline.data[baseline.data.length - 1]).toEqual([NOON, 0]);
  });

  it('ends the baseline at the rating when now is at night', () => {
    const now = midnight + 2 * HOUR;
    const { baseline } = build({ now, ratedW: 10_000 });
    expect(baseline.data[baseline.data.length - 1]).toEqual([now, 10]);
    expect(valueAt(baseline.data, now - 12 * HOUR)).toBe(0); // 14:00 the day before
  });
});
