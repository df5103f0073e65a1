import type { KpiDefinition } from '../../shared/city/kpiCatalogue';
import { formatCityDay, formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { formatKpiValue, texts } from './charts/theme';
import type { KpiChange, KpiFigure } from './figures';
import type { TimeRange } from './periods';

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/**
 * A change as a leader reads it: a share or a growth moves by points ("+1,2 điểm %"), anything else by
 * its relative change ("+4,5 %"), or by its amount when the previous figure was 0.
 */
export function formatChange(change: KpiChange, def: KpiDefinition, lang: Lang): string {
  const t = texts(lang).briefing;
  if (def.unit === 'percent' || def.unit === 'growth-percent') {
    // A move that rounds to nothing is no move: "±0", not "−0".
    const points = Math.round(change.absolute * 10) / 10;
    return `${sign(points)}${formatNumber(Math.abs(points), lang, 1)} ${t.points}`;
  }
  if (change.relative === null)
    return `${sign(change.absolute)}${formatKpiValue(Math.abs(change.absolute), def.unit, lang)}`;
  return `${sign(change.relative)}${formatNumber(Math.abs(change.relative) * 100, lang, 1)} %`;
}

/** A figure's value, or the words for no data. */
export function formatFigure(figure: KpiFigure, def: KpiDefinition, lang: Lang): string {
  return figure.value === null ? texts(lang).briefing.noData : formatKpiValue(figure.value, def.unit, lang);
}

/** The dates a range covers, its end included: "01/12/2026 – 04/12/2026", one date for a day. */
export function formatRange(range: TimeRange, lang: Lang): string {
  const first = formatCityDay(range.from, lang);
  const last = formatCityDay(Math.max(range.from, range.to - 1), lang);
  return first === last ? first : `${first} – ${last}`;
}
