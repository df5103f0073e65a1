import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import type { Incident } from '../../shared/protocol/events';
import { useWindowedList } from '../../shared/ui/useWindowedList';
import { categoryOf } from './filters';
import { formatRemaining, slaClock } from './sla';

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
  const { box, rowPx, first, last, onScroll } = useWindowedList(rows.length, 3.4, selectedId, () =>
    rows.findIndex((r) => r.id === selectedId),
  );

  return (
    <div
      ref={box}
      className="console-list"
      data-testid="console-list"
      data-rows={rows.length}
      role="listbox"
      aria-label={t('console.list')}
      onScroll={onScroll}
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
