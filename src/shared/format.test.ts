import { describe, expect, it } from 'vitest';
import { formatCityMoment, formatCityTime, formatEnergy, formatNumber } from './format';

describe('format', () => {
  it('shows Huế time (UTC+7) whatever the machine zone', () => {
    const t = Date.UTC(2026, 10, 23, 16, 5, 9); // 23:05:09 in Huế
    expect(formatCityTime(t, 'vi')).toBe('23:05');
    expect(formatCityTime(t, 'en', true)).toBe('23:05:09');
  });

  it('names the day of a moment only when it is not the reference’s city day', () => {
    const end = Date.UTC(2026, 10, 23, 13, 23); // 20:23 on 23/11 in Huế
    expect(formatCityMoment(end - 86_400_000, end, 'vi')).toBe('22/11 20:23');
    expect(formatCityMoment(end - 3_600_000, end, 'en')).toBe('19:23');
    // 00:30 on the 23rd in Huế is still the 22nd in UTC: the city's day decides.
    expect(formatCityMoment(Date.UTC(2026, 10, 22, 17, 30), end, 'vi')).toBe('00:30');
  });

  it('groups digits the Vietnamese way by default', () => {
    expect(formatNumber(20000, 'vi')).toBe('20.000');
    expect(formatNumber(20000, 'en')).toBe('20,000');
    expect(formatNumber(91.46, 'vi', 1)).toBe('91,5');
  });

  it('says energy in kWh below 10 MWh and in MWh above', () => {
    expect(formatEnergy(9_400_400, 'vi')).toBe('9.400 kWh');
    expect(formatEnergy(44_304_000, 'vi')).toBe('44,3 MWh');
    expect(formatEnergy(60_200_000, 'en')).toBe('60.2 MWh');
  });
});
