import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { wardName } from '../../shared/city/wards';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { Freshness } from '../freshness';
import { selectWardMeasures, worstWards } from '../wards';
import { selectHandlingSummary, selectStatusCounts } from './incidentsSlice';
import '../../shared/ui/panels.css';
import './HandlingPanel.css';

const MINUTE = 60_000;
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
export function HandlingPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useCityNow(5000);
  // The summary is recomputed once a city minute at most, not on every clock tick.
  const minute = now === null ? 0 : Math.floor(now / MINUTE) * MINUTE;
  const s = useAppSelector((st) => selectHandlingSummary(st, minute));
  const counts = useAppSelector(selectStatusCounts);
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
        {(['today', 'week', 'month'] as const).map((p) => (
          <div key={p} data-testid={`sla-${p}`} data-value={s.compliance[p].rate ?? ''}>
            <div className="figure-label">{t(`handling.${p}`)}</div>
            <div className="figure-value num">{pct(s.compliance[p].rate)}</div>
            <div className="handling-small num">
              {t('handling.onTime', { onTime: s.compliance[p].onTime, resolved: s.compliance[p].resolved })}
            </div>
          </div>
        ))}
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
              <span className="num">{now === null ? '' : age(now - Date.parse(i.reportedAt), lang)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
