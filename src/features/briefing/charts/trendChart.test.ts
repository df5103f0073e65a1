import { describe, expect, it } from 'vitest';
import { kpiDefinition } from '../../../shared/city/kpiCatalogue';
import type { TrendPoint } from '../figures';
import { dataColors, dataValues, fontSizes, seriesById, unsizedText } from './optionProbe';
import { chartTheme, WALL_COLORS } from './theme';
import { axisFloor, niceCeil, trendChartOption } from './trendChart';

const H = 3_600_000;
const city = (m: number, d: number) => Date.UTC(2026, m - 1, d) - 7 * H;
const DOSSIERS = kpiDefinition('one-stop-dossiers')!; // higher is better
const ALARMS = kpiDefinition('fire-alarms')!; // lower is better
const ONTIME = kpiDefinition('on-time-dossier-rate')!;

const points: TrendPoint[] = [
  { start: city(5, 1), value: 320, target: 290 },
  { start: city(5, 2), value: 250, target: 290 },
  { start: city(5, 3), value: null, target: 145 },
];

interface Axis {
  data: string[];
  min: number;
  max: number;
  axisLabel: { formatter: (v: number) => string };
}

describe('trendChartOption', () => {
  const theme = chartTheme(16);

  it('draws the values by day, marking in red those below target, gaps left empty', () => {
    const option = trendChartOption({ def: DOSSIERS, points, kind: 'day', lang: 'vi', theme });
    const value = seriesById(option, 'value');
    expect(dataValues(value)).toEqual([320, 250, null]);
    expect(dataColors(value)).toEqual([WALL_COLORS.accent, WALL_COLORS.bad, undefined]);
    expect(dataValues(seriesById(option, 'target'))).toEqual([290, 290, 145]);
    expect((option.xAxis as Axis).data).toEqual(['1/5', '2/5', '3/5']);
  });

  it('shades the band above the target when higher is better, up to the axis top', () => {
    const option = trendChartOption({ def: DOSSIERS, points, kind: 'day', lang: 'vi', theme });
    const y = option.yAxis as Axis;
    expect(y.max).toBe(500); // 320 × 1.15 rounded up to 5 × 100
    expect(seriesById(option, 'band-base').stack).toBe('band');
    expect(dataValues(seriesById(option, 'band-base'))).toEqual([290, 290, 145]);
    // stacked on the target, the band reaches the top of the axis at every bucket
    expect(dataValues(seriesById(option, 'band'))).toEqual([210, 210, 355]);
  });

  it('starts a share at the round ten below its lowest point, other units at 0 or below', () => {
    const rate = kpiDefinition('on-time-dossier-rate')!;
    expect(axisFloor(rate, [96.5, null, 91.2], [98])).toBe(80);
    expect(axisFloor(rate, [3], [98])).toBe(0);
    expect(axisFloor(DOSSIERS, [320, 250], [290])).toBe(0);
    expect(axisFloor(kpiDefinition('grdp-growth')!, [-1.5, 2], [8])).toBe(-1.5);
  });

  it('shades the band below the target when lower is better', () => {
    const option = trendChartOption({
      def: ALARMS,
      points: [{ start: city(5, 1), value: 5, target: 3 }],
      kind: 'day',
      lang: 'en',
      theme,
    });
    const band = seriesById(option, 'band');
    expect(band.stack).toBeUndefined();
    expect(dataValues(band)).toEqual([3]);
    expect(band.areaStyle).toMatchObject({ origin: 'start' });
    expect(dataColors(seriesById(option, 'value'))).toEqual([WALL_COLORS.bad]);
  });

  it('labels months and values in the chosen language, a share on a 0-100 axis', () => {
    const monthly = [{ start: city(3, 1), value: 96.5, target: 98 }];
    const vi = trendChartOption({ def: ONTIME, points: monthly, kind: 'month', lang: 'vi', theme });
    const en = trendChartOption({ def: ONTIME, points: monthly, kind: 'month', lang: 'en', theme });
    expect((vi.xAxis as Axis).data).toEqual(['thg 3 2026']);
    expect((en.xAxis as Axis).data).toEqual(['Mar 2026']);
    expect((vi.yAxis as Axis).max).toBe(100);
    expect((vi.yAxis as Axis).axisLabel.formatter(96.5)).toBe('96,5 %');
    expect((en.yAxis as Axis).axisLabel.formatter(96.5)).toBe('96.5 %');
    expect(seriesById(en, 'band').name).toBe('On target');
    expect(seriesById(vi, 'band').name).toBe('Vùng đạt chỉ tiêu');
  });

  it('sizes every text at one rem or more, scaling with the wall', () => {
    for (const rem of [16, 32]) {
      const option = trendChartOption({
        def: DOSSIERS,
        points,
        kind: 'day',
        lang: 'vi',
        theme: chartTheme(rem),
      });
      expect(unsizedText(option)).toEqual([]);
      const sizes = fontSizes(option);
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) expect(s.size as number, s.path).toBeGreaterThanOrEqual(rem);
    }
  });

  it('rounds axis ends to 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 1, 1.2, 3, 7, 368, 1001].map(niceCeil)).toEqual([1, 1, 2, 5, 10, 500, 2000]);
  });
});
