import { HUE_KPIS, KPI_DOMAINS } from '../../../shared/city/kpiCatalogue';
import type { Lang } from '../../../shared/i18n/i18n';
import { formatKpiValue, texts } from '../charts/theme';
import type { KpiFigure } from '../figures';
import { formatChange, formatFigure } from '../format';

/** One indicator's line in the report, every field already in the report's language. */
export interface ReportRow {
  name: string;
  value: string;
  target: string;
  change: string;
  /** null: no value to judge */
  belowTarget: boolean | null;
}

export interface ReportChart {
  title: string;
  /** a PNG data URL */
  png: string;
  /** the picture's size in CSS pixels, for its aspect */
  width: number;
  height: number;
}

/** What a briefing report holds: the page fills it, the PDF lays it out. */
export interface BriefingReport {
  lang: Lang;
  city: string;
  /** "Tháng này" */
  period: string;
  /** "01/11/2026 – 23/11/2026" */
  dates: string;
  /** when it was made, in city time: "23/11/2026 17:48" */
  generatedAt: string;
  simulated: boolean;
  /** the catalogue's indicators by domain */
  domains: { name: string; rows: ReportRow[] }[];
  charts: ReportChart[];
}

/** The table of indicators for a period, by domain in the catalogue's order. */
export function reportDomains(
  figures: ReadonlyMap<string, KpiFigure>,
  lang: Lang,
): BriefingReport['domains'] {
  const t = texts(lang).briefing;
  return KPI_DOMAINS.map((domain) => ({
    name: t.domain[domain],
    rows: HUE_KPIS.filter((d) => d.domain === domain).flatMap((def) => {
      const f = figures.get(def.id);
      if (!f) return [];
      return [
        {
          name: def.name[lang],
          value: formatFigure(f, def, lang),
          target: formatKpiValue(f.target, def.unit, lang),
          change: f.change ? formatChange(f.change, def, lang) : '—',
          belowTarget: f.belowTarget,
        },
      ];
    }),
  })).filter((d) => d.rows.length > 0);
}

/** An ASCII file name for a report: `bao-cao-hue-thang-2026-11-23.pdf`, `briefing-hue-quarter-…`. */
export function reportFileName(
  lang: Lang,
  period: string,
  cityDay: string,
  ext: 'pdf' | 'png',
  what = lang === 'vi' ? 'bao-cao' : 'briefing',
): string {
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${slug(what)}-hue-${slug(period)}-${slug(cityDay)}.${ext}`;
}
