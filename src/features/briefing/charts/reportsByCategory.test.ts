import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/protocol/events';
import { dataValues, fontSizes, seriesById } from './optionProbe';
import { reportsByCategory, reportsByCategoryOption } from './reportsByCategory';
import { chartTheme } from './theme';

const H = 3_600_000;
const T0 = Date.UTC(2026, 4, 10, 1); // 10 May 2026, 08:00 in Huế
const report = (category: string, hoursAfter: number) =>
  ({ category, reportedAt: new Date(T0 + hoursAfter * H).toISOString() }) as Incident;

describe('citizen reports by category', () => {
  const incidents = [
    report('waste', 1),
    report('flooding', 2),
    report('waste', 3),
    report('something-new', 4),
    report('waste', -48), // before the range
    report('flooding', 30), // after it
  ];
  const range = { from: T0, to: T0 + 24 * H };

  it('counts the reports received in the range, most first, unknown categories as other', () => {
    expect(reportsByCategory(incidents, range)).toEqual([
      { category: 'waste', count: 2 },
      { category: 'flooding', count: 1 },
      { category: 'other', count: 1 },
    ]);
  });

  it('draws a bar per category, most at the top, named in the chosen language', () => {
    const rows = reportsByCategory(incidents, range);
    const vi = reportsByCategoryOption({ rows, lang: 'vi', theme: chartTheme(32) });
    const en = reportsByCategoryOption({ rows, lang: 'en', theme: chartTheme(32) });
    expect(dataValues(seriesById(vi, 'bars'))).toEqual([2, 1, 1]);
    expect((vi.yAxis as { data: string[] }).data).toEqual(['Rác thải', 'Ngập úng, nước đọng', 'Khác']);
    expect((en.yAxis as { data: string[] }).data[0]).toBe('Waste');
    expect((en.yAxis as { inverse: boolean }).inverse).toBe(true);
    for (const s of fontSizes(en)) expect(s.size as number, s.path).toBeGreaterThanOrEqual(32);
  });
});
