import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import type { Incident } from '../../shared/protocol/events';
import type { ListModel } from '../../shared/ui/console/listModel';
import { ListRow, WindowedList, type RowPlace } from '../../shared/ui/console/WindowedList';
import { categoryOf } from './filters';
import { formatRemaining, slaClock } from './sla';

interface Props {
  rows: readonly Incident[];
  /** the rows as the list and its keys read them */
  list: ListModel;
  onSelect: (id: string) => void;
  now: number | null;
}

/** The incident list (windowed: 10,000 incidents scroll as smoothly as 50), a row's SLA countdown at `now`. */
export function IncidentList({ rows, list, onSelect, now }: Props) {
  const { t } = useTranslation();
  return (
    <WindowedList
      testId="console-list"
      label={t('console.list')}
      rowRem={3.4}
      list={list}
      onSelect={onSelect}
      row={(i, place) => {
        const inc = rows[i]!;
        const clock = now === null ? null : slaClock(inc, now);
        const remaining = clock ? formatRemaining(clock.remainingMs) : '';
        return (
          <Row key={inc.id} {...place} inc={inc} overdue={clock?.overdue ?? false} remaining={remaining} />
        );
      }}
    />
  );
}

interface RowProps extends RowPlace {
  inc: Incident;
  overdue: boolean;
  /** the SLA countdown as shown */
  remaining: string;
}

// Labels by language and key: a fast scroll draws a list height of new rows every frame, and each
// would otherwise ask i18next for five labels. The texts are static per language.
const labelCache = new Map<string, string>();

/** One row; memoised, so that moving the selection re-renders two rows, not every visible one. */
const Row = memo(function Row({ inc, overdue, remaining, ...place }: RowProps) {
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
    <ListRow
      {...place}
      data-incident-id={inc.id}
      className={`incident-row sev-${inc.severity}${overdue ? ' overdue' : ''}`}
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
    </ListRow>
  );
});
