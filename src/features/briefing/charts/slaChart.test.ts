import { describe, expect, it } from 'vitest';
import { dataColors, dataValues, fontSizes, seriesById } from './optionProbe';
import { slaBuckets, slaChartOption } from './slaChart';
import { chartTheme, WALL_COLORS } from './theme';

const H = 3_600_000;
const city = (m: number, d: number, h = 0) => Date.UTC(2026, m - 1, d, h) - 7 * H;

describe('SLA compliance over the period', () => {
  // the hub's summary by day: 1 of 1 on time, 1 of 2, nothing resolved
  const counts = [
    { start: city(5, 1), resolved: 1, onTime: 1 },
    { start: city(5, 2), resolved: 2, onTime: 1 },
    { start: city(5, 3), resolved: 0, onTime: 0 },
  ];

  it('gives each bucket its share on time, none where nothing was resolved', () => {
    expect(slaBuckets(counts).map((b) => [b.start, b.rate])).toEqual([
      [city(5, 1), 1],
      [city(5, 2), 0.5],
      [city(5, 3), null],
    ]);
  });

  it('draws the share in percent, red under the target, with the target line', () => {
    const buckets = slaBuckets(counts);
    const option = slaChartOption({ buckets, kind: 'day', target: 95, lang: 'en', theme: chartTheme(16) });
    const bars = seriesById(option, 'sla');
    expect(dataValues(bars)).toEqual([100, 50, null]);
    expect(dataColors(bars)).toEqual([WALL_COLORS.ok, WALL_COLORS.bad, undefined]);
    expect(bars.markLine).toMatchObject({ data: [{ yAxis: 95 }] });
    expect((option.yAxis as { max: number }).max).toBe(100);
    expect(bars.name).toBe('Citizen reports handled on time');
    for (const s of fontSizes(option)) expect(s.size as number, s.path).toBeGreaterThanOrEqual(16);
  });
});
