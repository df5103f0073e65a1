import { describe, expect, it } from 'vitest';
import { kpiDefinition } from '../../../shared/city/kpiCatalogue';
import { HUE_WARDS } from '../../../shared/city/wards';
import { dataColors, dataValues, fontSizes, seriesById, unsizedText } from './optionProbe';
import { chartTheme, WALL_COLORS } from './theme';
import { rankWards, wardRankingOption } from './wardRanking';

const [A, B, C, D] = HUE_WARDS;
const theme = chartTheme(16);
const ONTIME = kpiDefinition('on-time-dossier-rate')!; // higher is better, 98 %
const ALARMS = kpiDefinition('fire-alarms')!; // lower is better

const wards = [
  { ward: A!.code, value: 99 },
  { ward: B!.code, value: 91 },
  { ward: C!.code, value: null },
  { ward: D!.code, value: 97.5 },
];

describe('wardRankingOption', () => {
  it('puts the worst first: lowest when higher is better, highest when lower is', () => {
    expect(rankWards(wards, ONTIME).map((w) => w.ward)).toEqual([B!.code, D!.code, A!.code]);
    expect(rankWards(wards, ALARMS).map((w) => w.ward)).toEqual([A!.code, D!.code, B!.code]);
  });

  it('draws bars worst at the top, named by ward, those below target in red, the target dashed', () => {
    const option = wardRankingOption({ def: ONTIME, wards, target: 98, lang: 'vi', theme });
    const y = option.yAxis as { inverse: boolean; data: string[] };
    expect(y.inverse).toBe(true);
    expect(y.data).toEqual([B!.name, D!.name, A!.name]);
    const bars = seriesById(option, 'bars');
    expect(dataValues(bars)).toEqual([91, 97.5, 99]);
    expect(dataColors(bars)).toEqual([WALL_COLORS.bad, WALL_COLORS.bad, WALL_COLORS.accent]);
    expect(bars.markLine).toMatchObject({ data: [{ xAxis: 98 }], label: { formatter: 'Chỉ tiêu' } });
    const en = wardRankingOption({ def: ONTIME, wards, target: 98, lang: 'en', theme });
    expect(seriesById(en, 'bars').markLine).toMatchObject({ label: { formatter: 'Target' } });
    expect(seriesById(en, 'bars').name).toBe('Dossiers handled on time');
  });

  it('shows only the worst few, with values readable from 5 m', () => {
    const many = HUE_WARDS.map((w, i) => ({ ward: w.code, value: i }));
    const option = wardRankingOption({ def: ALARMS, wards: many, target: 3, lang: 'vi', theme, limit: 5 });
    expect(dataValues(seriesById(option, 'bars'))).toEqual([39, 38, 37, 36, 35]);
    expect(unsizedText(option)).toEqual([]);
    for (const s of fontSizes(option)) expect(s.size as number, s.path).toBeGreaterThanOrEqual(16);
  });
});
