import { describe, expect, it } from 'vitest';
import { kpiDefinition } from '../../shared/city/kpiCatalogue';
import { formatChange, formatRange } from './format';

const H = 3_600_000;
const city = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 7 * H;

describe('briefing formats', () => {
  it('gives a share its change in points and a count its relative change, with a sign', () => {
    const rate = kpiDefinition('cashless-rate')!;
    const count = kpiDefinition('tourist-arrivals')!;
    expect(formatChange({ absolute: 1.24, relative: 0.02, better: true }, rate, 'vi')).toBe('+1,2 điểm %');
    expect(formatChange({ absolute: -0.5, relative: -0.01, better: false }, rate, 'en')).toBe('−0.5 pts');
    expect(formatChange({ absolute: -0.04, relative: -0.001, better: false }, rate, 'en')).toBe('±0 pts');
    expect(formatChange({ absolute: -300, relative: -0.125, better: false }, count, 'vi')).toBe('−12,5 %');
    expect(formatChange({ absolute: 40, relative: null, better: true }, count, 'en')).toBe('+40');
  });

  it('names a range by its first and last city days', () => {
    const now = city(2026, 12, 4, 9);
    expect(formatRange({ from: city(2026, 12, 1), to: now }, 'vi')).toBe('01/12/2026 – 04/12/2026');
    expect(formatRange({ from: city(2026, 12, 4), to: now }, 'en')).toBe('04/12/2026');
    // a range ending at midnight ends the day before
    expect(formatRange({ from: city(2026, 11, 1), to: city(2026, 12, 1) }, 'en')).toBe(
      '01/11/2026 – 30/11/2026',
    );
  });
});
