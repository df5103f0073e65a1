import type { MapSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { KpiDefinition } from '../../../shared/city/kpiCatalogue';
import { wardName } from '../../../shared/city/wards';
import type { Lang } from '../../../shared/i18n/i18n';
import { isBelowTarget, type WardFigure } from '../figures';
import { formatKpiValue, textSize, texts, tooltip, type ChartTheme } from './theme';

/** The name the ward boundaries are registered under with ECharts (src/shared/ui/EChart.tsx). */
export const WARD_MAP = 'hue-wards';

export type WardMapOption = ComposeOption<
  MapSeriesOption | VisualMapComponentOption | TooltipComponentOption
>;

export interface WardMapInput {
  def: KpiDefinition;
  wards: readonly WardFigure[];
  /** the target over the chosen range, each ward held to it */
  target: number;
  lang: Lang;
  theme: ChartTheme;
  /** the ward whose detail is open, outlined */
  selected?: string | null;
}

/**
 * The wards coloured by one indicator: red at the worst end, green at the best (flipped when lower is
 * better), grey without data, each ward below target also hatched by a thicker red edge so that the
 * verdict does not rest on hue alone. Wards are matched by code (the boundary file's `id`).
 */
export function wardMapOption({ def, wards, target, lang, theme, selected }: WardMapInput): WardMapOption {
  const t = texts(lang).briefing;
  const known = wards.filter((w): w is { ward: string; value: number } => w.value !== null);
  const values = known.map((w) => w.value);
  let min = values.length ? Math.min(...values, target) : 0;
  let max = values.length ? Math.max(...values, target) : 1;
  if (min === max) [min, max] = [min - 1, max + 1];
  const ramp = [theme.colors.bad, theme.colors.warn, theme.colors.ok];
  const format = (v: number) => formatKpiValue(v, def.unit, lang);
  return {
    animation: false,
    tooltip: {
      ...tooltip(theme),
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name, value } = p as { name: string; value: unknown };
        const shown = typeof value === 'number' && Number.isFinite(value) ? format(value) : t.noData;
        return `${wardName(name) ?? name}<br/>${def.name[lang]}: ${shown}<br/>${t.target}: ${format(target)}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      calculable: false,
      inRange: { color: def.higherIsBetter ? ramp : [...ramp].reverse() },
      outOfRange: { color: theme.colors.line },
      text: [format(max), format(min)],
      textStyle: { color: theme.colors.text, fontSize: textSize(theme).axis },
      left: theme.rem / 2,
      bottom: theme.rem / 2,
      itemHeight: theme.rem * 6,
      itemWidth: theme.rem,
    },
    series: [
      {
        id: 'wards',
        name: def.name[lang],
        type: 'map',
        map: WARD_MAP,
        nameProperty: 'id',
        roam: false,
        // Huế lies at 16.5° N: a degree of longitude is cos(16.5°) of a degree of latitude.
        aspectScale: 0.96,
        layoutCenter: ['55%', '50%'],
        layoutSize: '95%',
        selectedMode: false,
        label: { show: false, fontSize: textSize(theme).axis },
        itemStyle: { areaColor: theme.colors.line, borderColor: theme.colors.panel, borderWidth: 1 },
        emphasis: {
          label: { show: false, fontSize: textSize(theme).axis },
          itemStyle: { borderColor: theme.colors.text, borderWidth: 2 },
        },
        data: known.map((w) => ({
          name: w.ward,
          value: w.value,
          itemStyle: {
            borderColor:
              w.ward === selected
                ? theme.colors.text
                : isBelowTarget(def, w.value, target)
                  ? theme.colors.bad
                  : theme.colors.panel,
            borderWidth: w.ward === selected ? 3 : isBelowTarget(def, w.value, target) ? 2 : 1,
          },
        })),
      },
    ],
  };
}
