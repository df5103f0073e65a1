// For the option builders' tests: reading an ECharts option as the wall would draw it.

type Json = Record<string, unknown>;

/** Every fontSize an option sets, with where: a test holds them all to the wall's minimum. */
export function fontSizes(option: unknown, path = 'option'): { path: string; size: unknown }[] {
  if (Array.isArray(option)) return option.flatMap((o, i) => fontSizes(o, `${path}[${i}]`));
  if (typeof option !== 'object' || option === null) return [];
  return Object.entries(option).flatMap(([k, v]) =>
    k === 'fontSize' ? [{ path: `${path}.${k}`, size: v }] : fontSizes(v, `${path}.${k}`),
  );
}

/** The text elements an option shows with no size of their own (ECharts would draw them at 12 px). */
export function unsizedText(option: unknown, path = 'option'): string[] {
  if (Array.isArray(option)) return option.flatMap((o, i) => unsizedText(o, `${path}[${i}]`));
  if (typeof option !== 'object' || option === null) return [];
  const own = Object.entries(option as Json).flatMap(([k, v]) => {
    const isText = ['axisLabel', 'label', 'nameTextStyle', 'textStyle'].includes(k);
    const shown = typeof v === 'object' && v !== null && (v as Json).show !== false;
    return isText && shown && !('fontSize' in (v as Json)) ? [`${path}.${k}`] : [];
  });
  return [...own, ...Object.entries(option as Json).flatMap(([k, v]) => unsizedText(v, `${path}.${k}`))];
}

export const seriesOf = (option: unknown) => (option as { series: Json[] }).series;
export const seriesById = (option: unknown, id: string) => seriesOf(option).find((s) => s.id === id)!;
export const dataValues = (series: Json) =>
  (series.data as unknown[]).map((d) => (typeof d === 'object' && d !== null && 'value' in d ? d.value : d));
export const dataColors = (series: Json) =>
  (series.data as { itemStyle?: { color?: string } }[]).map((d) => d.itemStyle?.color);
