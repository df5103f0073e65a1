import { describe, expect, it } from 'vitest';
import { dataValues, fontSizes, seriesById } from './optionProbe';
import { reportsByCategoryOption } from './reportsByCategory';
import { chartTheme } from './theme';

describe('citizen reports by category', () => {
  const rows = [
    { category: 'waste', count: 2 },
    { category: 'flooding', count: 1 },
    { category: 'other', count: 1 },
  ];

  it('draws a bar per category, most at the top, named in the chosen language', () => {
    const vi = reportsByCategoryOption({ rows, lang: 'vi', theme: chartTheme(32) });
    const en = reportsByCategoryOption({ rows, lang: 'en', theme: chartTheme(32) });
    expect(dataValues(seriesById(vi, 'bars'))).toEqual([2, 1, 1]);
    expect((vi.yAxis as { data: string[] }).data).toEqual(['Rác thải', 'Ngập úng, nước đọng', 'Khác']);
    expect((en.yAxis as { data: string[] }).data[0]).toBe('Waste');
    expect((en.yAxis as { inverse: boolean }).inverse).toBe(true);
    for (const s of fontSizes(en)) expect(s.size as number, s.path).toBeGreaterThanOrEqual(32);
  });
});
