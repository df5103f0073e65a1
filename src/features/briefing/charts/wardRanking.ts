import type { KpiDefinition } from '../../../shared/city/kpiCatalogue';
import { wardName } from '../../../shared/city/wards';
import type { Lang } from '../../../shared/i18n/i18n';
import type { WardFigure } from '../figures';
import { rankedBarsOption } from './rankedBars';
import { formatKpiValue, texts, type ChartTheme } from './theme';
import { markedValue, type BriefingChartOption } from './trendChart';

/**
 * The wards with a value, worst first: lowest first when higher is better, highest first when lower
 * is. Ties go by ward code so that the order holds still between redraws. A click on bar i is
 * rankWards(...)[i], the ward to drill into.
 */
export function rankWards(
  wards: readonly WardFigure[],
  def: KpiDefinition,
): { ward: string; value: number }[] {
  const ranked = wards.filter((w): w is { ward: string; value: number } => w.value !== null);
  const sign = def.higherIsBetter ? 1 : -1;
  return ranked.sort((a, b) => sign * (a.value - b.value) || a.ward.localeCompare(b.ward));
}

export interface WardRankingInput {
  def: KpiDefinition;
  wards: readonly WardFigure[];
  /** the target over the chosen range (targetOver), each ward held to it */
  target: number;
  lang: Lang;
  theme: ChartTheme;
  /** how many of the worst to show: all 40 wards do not fit a panel readable from 5 m */
  limit?: number;
}

/** A ward ranking for one indicator: bars worst first, those below target in red, the target dashed. */
export function wardRankingOption({
  def,
  wards,
  target,
  lang,
  theme,
  limit = 10,
}: WardRankingInput): BriefingChartOption {
  const shown = rankWards(wards, def).slice(0, limit);
  const t = texts(lang).briefing;
  return rankedBarsOption({
    labels: shown.map((w) => wardName(w.ward) ?? w.ward),
    data: shown.map((w) => markedValue(def, w.value, target, theme)),
    name: def.name[lang],
    format: (v) => formatKpiValue(v, def.unit, lang),
    theme,
    target: { value: target, label: t.target },
  });
}
