import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubApi } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { useCityMinute } from '../../app/useCityNow';
import { formatCityDayMonth, formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { Freshness } from '../freshness';
import { selectTodayCategories, selectTodayReports } from './incidentsSlice';
import {
  addCategories,
  figuresOf,
  PAST_DAYS,
  reportsSince,
  topCategories,
  useReportPast,
  useWeekCategories,
  weekRange,
  type DayReports,
} from './reportPast';
import { periodStart } from './sla';
import '../../shared/ui/panels.css';
import './ReportTrend.css';

const DAY_MS = 86_400_000;
/** The chart's days: the fortnight before today, and today so far. */
const CHART_DAYS = PAST_DAYS + 1;
/** The categories listed on a tall panel; more are summed into one last row. */
const CATEGORY_ROWS = 8;

/**
 * The leaders' view of citizen reports (it takes the camera alerts' place on a leader's wall): how many
 * came in today, over seven days and this month, how many were resolved, and each day's two counts
 * over the last fortnight. The days before today are the hub's store's; today is counted live.
 */
export function ReportTrend({ api }: { api: HubApi }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const cityMinute = useCityMinute();
  const minute = cityMinute ?? 0;
  const today = useAppSelector((st) => selectTodayReports(st, minute));
  const past = useReportPast(api, cityMinute);
  const days = past && chartDays(past, today);
  const box = useRef<HTMLElement>(null);
  const tall = useTall(box);
  const periods = [
    ['today', today.start],
    ['week', today.start - 6 * DAY_MS],
    ['month', periodStart('month', minute)],
  ] as const;
  return (
    <section className="panel report-trend" data-testid="report-trend" ref={box}>
      <h2>{t('reportTrend.title')}</h2>
      <Freshness of="incidents" />
      <div className="report-periods">
        {periods.map(([id, from]) => {
          // Today is the page's own; a longer period waits for the hub rather than show today alone.
          const sum = id === 'today' ? figuresOf(today) : past && reportsSince(past, today, from);
          return (
            <div key={id} data-testid={`reports-${id}`} data-received={sum?.received ?? ''}>
              <div className="figure-label">{t(`reportTrend.${id}`)}</div>
              <div className="report-received num">{sum ? formatNumber(sum.received, lang) : '–'}</div>
              <div className="handling-small num">
                {sum ? t('reportTrend.resolved', { count: sum.resolved }) : '\u00a0'}
              </div>
            </div>
          );
        })}
      </div>
      {tall && <WeekByCategory api={api} cityMinute={cityMinute} />}
      {days ? (
        <>
          <div className="report-peak num" data-testid="reports-peak">
            {t('reportTrend.peak', { count: peakOf(days) })}
          </div>
          <DailyBars days={days} label={t('reportTrend.chart', { days: CHART_DAYS })} />
        </>
      ) : (
        <p className="report-waiting">{t('reportTrend.waiting')}</p>
      )}
      <div className="report-axis">
        <span className="num">{formatCityDayMonth(today.start - PAST_DAYS * DAY_MS)}</span>
        <span className="report-legend">
          <span className="swatch received" /> {t('reportTrend.received')}
          <span className="swatch resolved" /> {t('reportTrend.resolvedKey')}
        </span>
        <span>{t('reportTrend.today')}</span>
      </div>
    </section>
  );
}

/**
 * Whether the panel stands taller than it is wide, as in the wide walls' right column: the fortnight's
 * bars alone would be stretched there, so the week's reports by category take a part of the height.
 */
function useTall(box: RefObject<HTMLElement | null>): boolean {
  const [tall, setTall] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const seen = new ResizeObserver(() => setTall(el.clientHeight > el.clientWidth));
    seen.observe(el);
    return () => seen.disconnect();
  }, [box]);
  return tall;
}

/**
 * The reports received over seven days (the hub's six days before today, and today live) by category,
 * the commonest first, as bars in proportion to the commonest; more than fit are summed in a last row.
 */
export function WeekByCategory({ api, cityMinute }: { api: HubApi; cityMinute: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const today = useAppSelector((st) => selectTodayCategories(st, cityMinute ?? 0));
  const past = useWeekCategories(api, cityMinute);
  if (!past) return null;
  const { shown, rest } = topCategories(addCategories(past, today), CATEGORY_ROWS);
  const rows = [
    ...shown.map((c) => ({ id: c.category, label: t(`category.${c.category}`), count: c.count })),
    ...(rest ? [{ id: 'rest', label: t('reportTrend.rest'), count: rest }] : []),
  ];
  // The rest is several categories together: it gets no bar, which would read as one category's.
  const top = Math.max(1, ...shown.map((c) => c.count));
  return (
    <div
      className="report-categories"
      data-testid="reports-by-category"
      data-from={weekRange(cityMinute ?? 0).from}
      data-until={cityMinute ?? ''}
    >
      <div className="figure-label">{t('reportTrend.byCategory')}</div>
      {rows.map((r) => (
        <div key={r.id} className="report-category" data-category={r.id} data-count={r.count}>
          <span>{r.label}</span>
          <span className="report-category-bar">
            {r.id !== 'rest' && <span style={{ width: `${(r.count / top) * 100}%` }} />}
          </span>
          <span className="num">{formatNumber(r.count, lang)}</span>
        </div>
      ))}
    </div>
  );
}

/** The chart's days, oldest first: a day the hub did not list (nothing happened) counts as zeros. */
export function chartDays(past: readonly DayReports[], today: DayReports): DayReports[] {
  const byStart = new Map(past.map((d) => [d.start, d]));
  const days: DayReports[] = [];
  for (let i = PAST_DAYS; i >= 1; i--) {
    const start = today.start - i * DAY_MS;
    days.push(byStart.get(start) ?? { start, received: 0, resolved: 0, onTime: 0 });
  }
  days.push(today);
  return days;
}

/** The chart's top: the most reports received or resolved on one of its days (1 when there were none). */
const peakOf = (days: readonly DayReports[]) =>
  Math.max(1, ...days.map((d) => Math.max(d.received, d.resolved)));

/**
 * Each day's received and resolved reports as a pair of bars, stretched to the panel's box; the peak
 * is printed above it and a line marks its half, so a bar's height reads as a count.
 */
function DailyBars({ days, label }: { days: readonly DayReports[]; label: string }) {
  const top = peakOf(days);
  const h = (n: number) => (n / top) * 100;
  return (
    <svg
      className="report-bars"
      viewBox={`0 0 ${days.length * 10} 100`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <line className="report-grid" x1={0} x2={days.length * 10} y1={0} y2={0} />
      <line className="report-grid" x1={0} x2={days.length * 10} y1={50} y2={50} />
      {days.map((d, i) => (
        <g key={d.start} data-day={d.start} data-received={d.received} data-resolved={d.resolved}>
          {(['received', 'resolved'] as const).map((kind, k) => (
            <rect
              key={kind}
              className={kind}
              x={i * 10 + 1 + k * 4}
              width={4}
              y={100 - h(d[kind])}
              height={h(d[kind])}
            />
          ))}
        </g>
      ))}
    </svg>
  );
}
