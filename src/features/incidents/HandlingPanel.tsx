import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityMinute } from '../../app/useCityNow';
import { wardName } from '../../shared/city/wards';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { Freshness } from '../freshness';
import { selectWardMeasures, worstWards } from '../wards';
import type { HubApi } from '../../app/connection';
import { selectHandlingSummary, selectStatusCounts, selectTodayReports } from './incidentsSlice';
import { reportsSince, useReportPast } from './reportPast';
import { periodStart, type Compliance } from './sla';
import '../../shared/ui/panels.css';
import './HandlingPanel.css';

/** The wards listed as having the most open reports per resident. */
const WARDS_SHOWN = 5;

function age(ms: number, lang: Lang): string {
  const h = Math.floor(ms / 3_600_000);
  const d = Math.floor(h / 24);
  return d > 0 ? `${formatNumber(d, lang)} d ${h % 24} h` : `${h} h`;
}

/**
 * How well the city answers its citizens: reports by status, SLA compliance today / this week / this
 * month, the wards with the most open reports per resident, and the reports waiting longest.
 */
export function HandlingPanel({ api }: { api: HubApi }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const cityMinute = useCityMinute();
  const minute = cityMinute ?? 0;
  const s = useAppSelector((st) => selectHandlingSummary(st, minute));
  const counts = useAppSelector(selectStatusCounts);
  // The month reaches past the week of finished reports the page holds: its earlier days are the hub's.
  const today = useAppSelector((st) => selectTodayReports(st, minute));
  const past = useReportPast(api, cityMinute);
  const month = past && reportsSince(past, today, periodStart('month', minute));
  const compliance: Record<'today' | 'week' | 'month', Compliance | null> = {
    today: s.compliance.today,
    week: s.compliance.week,
    month,
  };
  const measures = useAppSelector(selectWardMeasures);
  const topWards = useMemo(() => worstWards(measures, WARDS_SHOWN), [measures]);
  const pct = (r: number | null) => (r === null ? '–' : `${formatNumber(r * 100, lang)} %`);
  return (
    <section className="panel handling" data-testid="handling-panel">
      <h2>{t('handling.title')}</h2>
      <Freshness of="incidents" />
      <div className="handling-status">
        {(['received', 'assigned', 'in_progress'] as const).map((st) => (
          <div key={st} data-testid={`status-${st}`} data-value={counts[st]}>
            <span className="num">{formatNumber(counts[st], lang)}</span> {t(`status.${st}`)}
          </div>
        ))}
        <div className="overdue" data-testid="tile-overdue" data-value={s.overdue}>
          <span className="num">{formatNumber(s.overdue, lang)}</span> {t('sla.overdue')}
        </div>
      </div>
      <div className="handling-sla">
        {(['today', 'week', 'month'] as const).map((p) => {
          const c = compliance[p];
          return (
            <div
              key={p}
              data-testid={`sla-${p}`}
              data-value={c?.rate ?? ''}
              data-resolved={c?.resolved ?? ''}
            >
              <div className="figure-label">{t(`handling.${p}`)}</div>
              <div className="figure-value num">{pct(c?.rate ?? null)}</div>
              <div className="handling-small num">
                {c ? t('handling.onTime', { onTime: c.onTime, resolved: c.resolved }) : '\u00a0'}
              </div>
            </div>
          );
        })}
      </div>
      <div className="handling-lists">
        <ol data-testid="top-wards">
          <li className="figure-label">{t('handling.topWards')}</li>
          {topWards.map((w) => (
            <li key={w.code} data-ward={w.code}>
              <span>{wardName(w.code)}</span>
              <span className="num">{formatNumber(w.per10k, lang, 1)}</span>
            </li>
          ))}
        </ol>
        <ol data-testid="oldest-open">
          <li className="figure-label">{t('handling.oldest')}</li>
          {s.oldest.map((i) => (
            <li key={i.id} data-incident-id={i.id}>
              <span className="handling-title">{i.title}</span>
              <span className="num">
                {cityMinute === null ? '' : age(cityMinute - Date.parse(i.reportedAt), lang)}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
