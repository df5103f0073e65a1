import { describe, expect, it } from 'vitest';
import { energySavedOption, labelledMonth } from './energySavedChart';
import { dataColors, dataValues, fontSizes, seriesById, unsizedText } from './optionProbe';
import { chartTheme, WALL_COLORS } from './theme';

const H = 3_600_000;
const city = (m: number) => Date.UTC(2026, m - 1, 1) - 7 * H;

describe('energySavedOption', () => {
  const points = [
    { start: city(1), value: 131.4, target: 120 },
    { start: city(2), value: 104, target: 120 },
    { start: city(3), value: 40, target: 38.7 }, // March to the 10th, against its part of the target
  ];

  it('puts a bar per month in MWh, red when short of target, with the target as a step', () => {
    const option = energySavedOption({ points, lang: 'vi', theme: chartTheme(16) });
    const saved = seriesById(option, 'saved');
    expect(dataValues(saved)).toEqual([131.4, 104, 40]);
    expect(dataColors(saved)).toEqual([WALL_COLORS.accent, WALL_COLORS.bad, WALL_COLORS.accent]);
    expect(dataValues(seriesById(option, 'target'))).toEqual([120, 120, 38.7]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['thg 1 2026', 'thg 2 2026', 'thg 3 2026']);
    expect((option.yAxis as { name: string }).name).toBe('MWh');
    expect(saved.name).toBe('Điện năng chiếu sáng tiết kiệm');
  });

  it('labels every other bar of a year, back from the month running, so the labels keep apart', () => {
    const year = Array.from({ length: 13 }, (_, m) => ({ start: city(m + 1), value: 100 + m, target: 120 }));
    const label = seriesById(energySavedOption({ points: year, lang: 'vi', theme: chartTheme(16) }), 'saved')
      .label as { formatter: (p: { value: number; dataIndex: number }) => string };
    const shown = year.map((p, i) => label.formatter({ value: p.value, dataIndex: i }));
    expect(shown.filter(Boolean)).toEqual(['100', '102', '104', '106', '108', '110', '112']);
    expect(shown.at(-1)).toBe('112');
    expect(shown.at(-2)).toBe('');
    // a quarter's three months keep all their labels
    expect([0, 1, 2].map((i) => labelledMonth(i, 3))).toEqual([true, true, true]);
  });

  it('names it in English and keeps its text readable at 4K', () => {
    const option = energySavedOption({ points, lang: 'en', theme: chartTheme(32) });
    expect(seriesById(option, 'saved').name).toBe('Street-lighting energy saved');
    expect((option.xAxis as { data: string[] }).data[0]).toBe('Jan 2026');
    expect(unsizedText(option)).toEqual([]);
    for (const s of fontSizes(option)) expect(s.size as number, s.path).toBeGreaterThanOrEqual(32);
  });
});
