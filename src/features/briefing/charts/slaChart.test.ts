import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/protocol/events';
import { dataColors, dataValues, fontSizes, seriesById } from './optionProbe';
import { slaBuckets, slaChartOption } from './slaChart';
import { chartTheme, WALL_COLORS } from './theme';

const H = 3_600_000;
const city = (m: number, d: number, h = 0) => Date.UTC(2026, m - 1, d, h) - 7 * H;

/** A waste report (48 h to answer) reported at `at`, resolved `afterH` hours later. */
function resolved(at: number, afterH: number): Incident {
  const reportedAt = new Date(at).toISOString();
  const done = new Date(at + afterH * H).toISOString();
  return {
    id: `i${at}-${afterH}`,
    category: 'waste',
    title: 't',
    location: { lon: 107.58, lat: 16.46 },
    severity: 'medium',
    source: 'hue-s',
    reportedAt,
    status: 'resolved',
    updatedAt: done,
    history: [
      { status: 'received', by: 'hue-s', at: reportedAt },
      { status: 'resolved', by: 'op', at: done },
    ],
  };
}

describe('SLA compliance over the period', () => {
  const incidents = [
    resolved(city(5, 1, 8), 2), // 1 May, on time
    resolved(city(4, 30, 8), 60), // resolved 2 May, late
    resolved(city(5, 1, 20), 10), // resolved 2 May, on time
    resolved(city(5, 3, 8), 1), // resolved 3 May 09:00, after the range ends
  ];

  it('asks the incidents rule for each city day of the range, up to the range end', () => {
    const buckets = slaBuckets(incidents, { from: city(5, 1), to: city(5, 3, 9) - 1 }, 'day');
    expect(buckets.map((b) => [b.start, b.resolved, b.onTime, b.rate])).toEqual([
      [city(5, 1), 1, 1, 1],
      [city(5, 2), 2, 1, 0.5],
      [city(5, 3), 0, 0, null],
    ]);
    const months = slaBuckets(incidents, { from: city(4, 1), to: city(5, 20) }, 'month');
    expect(months.map((b) => [b.start, b.resolved, b.onTime])).toEqual([
      [city(4, 1), 0, 0],
      [city(5, 1), 4, 3],
    ]);
  });

  it('draws the share in percent, red under the target, with the target line', () => {
    const buckets = slaBuckets(incidents, { from: city(5, 1), to: city(5, 3, 9) - 1 }, 'day');
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
