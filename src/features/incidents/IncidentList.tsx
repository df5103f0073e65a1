import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import type { Incident } from '../../shared/protocol/events';
import { categoryOf } from './filters';
import { formatRemaining, slaClock } from './sla';

/** Rows drawn beyond the visible ones, above and below, so that fast scrolling does not show gaps. */
const OVERSCAN = 8;

/** A row is 3.4 rem high, so the list scales with the root font size (which grows on a 4K wall). */
const rowHeightPx = () => 3.4 * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);

interface Props {
  rows: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number | null;
}

/**
 * The incident list, windowed: only the rows in view are in the DOM, so 10,000 incidents scroll as
 * smoothly as 50. Rows have one fixed height (in rem, so the list scales with the screen).
 */
export function IncidentList({ rows, selectedId, onSelect, now }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // Read on resize only: getComputedStyle on every render would force a style recalculation per update.
  const [rowPx, setRowPx] = useState(rowHeightPx);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setHeight(el.clientHeight);
      setRowPx(rowHeightPx());
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when the keyboard moves the selection; only then: reports arriving
  // must not pull the list back to the selection while the operator scrolls elsewhere.
  const latestRows = useRef(rows);
  useEffect(() => {
    latestRows.current = rows;
  });
  useEffect(() => {
    const el = box.current;
    const i = latestRows.current.findIndex((r) => r.id === selectedId);
    if (!el || i < 0) return;
    const top = i * rowPx;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowPx > el.scrollTop + el.clientHeight) el.scrollTop = top + rowPx - el.clientHeight;
  }, [selectedId, rowPx]);

  const first = Math.max(0, Math.floor(scrollTop / rowPx) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowPx) + OVERSCAN);

  return (
    <div
      ref={box}
      className="console-list"
      data-testid="console-list"
      data-rows={rows.length}
      role="listbox"
      aria-label={t('console.list')}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: rows.length * rowPx, position: 'relative' }}>
        {rows.slice(first, last).map((inc, k) => {
          const clock = now === null ? null : slaClock(inc, now);
          return (
            <Row
              key={inc.id}
              inc={inc}
              top={(first + k) * rowPx}
              height={rowPx}
              selected={inc.id === selectedId}
              overdue={clock?.overdue ?? false}
              remaining={clock ? formatRemaining(clock.remainingMs) : ''}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  inc: Incident;
  top: number;
  height: number;
  selected: boolean;
  overdue: boolean;
  /** the SLA countdown as shown */
  remaining: string;
  onSelect: (id: string) => void;
}

// Labels by language and key: a fast scroll draws a list height of new rows every frame, and each
// would otherwise ask i18next for five labels. The texts are static per language.
const labelCache = new Map<string, string>();

/** One row; memoised, so that moving the selection re-renders two rows, not every visible one. */
const Row = memo(function Row({ inc, top, height, selected, overdue, remaining, onSelect }: RowProps) {
  const { t: translate, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const t = (key: string) => {
    const k = `${lang}:${key}`;
    let text = labelCache.get(k);
    if (text === undefined) {
      text = translate(key);
      labelCache.set(k, text);
    }
    return text;
  };
  return (
    <div
      role="option"
      aria-selected={selected}
      data-incident-id={inc.id}
      className={`console-row sev-${inc.severity}${selected ? ' selected' : ''}${overdue ? ' overdue' : ''}`}
      style={{ top, height }}
      onClick={() => onSelect(inc.id)}
    >
      <span className={`sev-pill sev-bg-${inc.severity}`}>{t(`severity.${inc.severity}`)}</span>
      <span className="row-main">
        <span className="row-title">{inc.title}</span>
        <span className="row-meta">
          {t(`category.${categoryOf(inc)}`)} · {wardName(inc.ward) ?? t('category.other')} ·{' '}
          {formatCityTime(Date.parse(inc.reportedAt), lang)} · {t(`source.${inc.source}`)}
        </span>
      </span>
      <span className={`row-status status-${inc.status}`}>{t(`status.${inc.status}`)}</span>
      <span className={`row-sla num${overdue ? ' overdue' : ''}`}>{remaining}</span>
    </div>
  );
});
