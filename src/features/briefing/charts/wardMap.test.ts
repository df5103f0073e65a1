import { describe, expect, it } from 'vitest';
import { kpiDefinition } from '../../../shared/city/kpiCatalogue';
import { HUE_WARDS } from '../../../shared/city/wards';
import { fontSizes, seriesById, unsizedText } from './optionProbe';
import { chartTheme, WALL_COLORS } from './theme';
import { WARD_MAP, wardMapOption } from './wardMap';

const [A, B, C] = HUE_WARDS;
const theme = chartTheme(16);
const ONTIME = kpiDefinition('on-time-dossier-rate')!; // higher is better, 98 %
const ALARMS = kpiDefinition('fire-alarms')!; // lower is better

const wards = [
  { ward: A!.code, value: 99 },
  { ward: B!.code, value: 91 },
  { ward: C!.code, value: null },
];

type Data = { name: string; value: number; itemStyle: { borderColor: string; borderWidth: number } }[];

describe('wardMapOption', () => {
  it('colours the registered ward shapes by code, wards without data left grey', () => {
    const option = wardMapOption({ def: ONTIME, wards, target: 98, lang: 'vi', theme });
    const s = seriesById(option, 'wards');
    expect(s.map).toBe(WARD_MAP);
    expect(s.nameProperty).toBe('id');
    expect((s.data as Data).map((d) => [d.name, d.value])).toEqual([
      [A!.code, 99],
      [B!.code, 91],
    ]);
    expect((s.itemStyle as { areaColor: string }).areaColor).toBe(WALL_COLORS.line);
  });

  it('puts red at the worst end: the low end when higher is better, the high end when lower is', () => {
    const up = wardMapOption({ def: ONTIME, wards, target: 98, lang: 'vi', theme });
    const down = wardMapOption({ def: ALARMS, wards, target: 3, lang: 'vi', theme });
    const colours = (o: unknown) =>
      (o as { visualMap: { inRange: { color: string[] } } }).visualMap.inRange.color;
    expect(colours(up)[0]).toBe(WALL_COLORS.bad);
    expect(colours(up).at(-1)).toBe(WALL_COLORS.ok);
    expect(colours(down)[0]).toBe(WALL_COLORS.ok);
    expect(colours(down).at(-1)).toBe(WALL_COLORS.bad);
  });

  it('edges a ward below target in red, and the open ward in white, beyond the hue', () => {
    const option = wardMapOption({ def: ONTIME, wards, target: 98, lang: 'vi', theme, selected: A!.code });
    const [a, b] = seriesById(option, 'wards').data as Data;
    expect(b!.itemStyle).toEqual({ borderColor: WALL_COLORS.bad, borderWidth: 2 });
    expect(a!.itemStyle).toEqual({ borderColor: WALL_COLORS.text, borderWidth: 3 });
  });

  it('spans the scale over the values and the target, and a flat scale still has width', () => {
    const option = wardMapOption({ def: ONTIME, wards, target: 98, lang: 'en', theme });
    const vm = (option as { visualMap: { min: number; max: number; text: string[] } }).visualMap;
    expect([vm.min, vm.max]).toEqual([91, 99]);
    expect(vm.text).toEqual(['99 %', '91 %']);
    const flat = wardMapOption({
      def: ONTIME,
      wards: [{ ward: A!.code, value: 98 }],
      target: 98,
      lang: 'en',
      theme,
    });
    const f = (flat as { visualMap: { min: number; max: number } }).visualMap;
    expect(f.max).toBeGreaterThan(f.min);
  });

  it('sizes every text at one rem or more', () => {
    const option = wardMapOption({ def: ONTIME, wards, target: 98, lang: 'vi', theme: chartTheme(32) });
    expect(unsizedText(option)).toEqual([]);
    for (const { size } of fontSizes(option)) expect(size).toBeGreaterThanOrEqual(32);
  });
});
