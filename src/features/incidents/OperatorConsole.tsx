import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { DEPARTMENTS } from '../../shared/city/profile';
import { HUE_WARDS, wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SEVERITIES,
} from '../../shared/protocol/codes';
import { canApply } from '../../shared/protocol/incident';
import type { SendCommand } from '../../realtime/commands';
import { toCsv } from './csv';
import { categoryOf, ConsoleRows, NO_FILTER, type IncidentFilter, type SortKey } from './filters';
import { IncidentList } from './IncidentList';
import { IncidentPanel, type PanelMode } from './IncidentPanel';
import { useCommandRunner } from './useCommandRunner';
import { selectIncidentById, selectIncidentShards } from './incidentsSlice';
import { isOverdue, slaDeadline } from './sla';
import './console.css';

const wardsByName = [...HUE_WARDS].sort((a, b) => a.name.localeCompare(b.name, 'vi'));

/**
 * The operator console (route /operator): the incident list with filters and sorting, the detail of
 * the selected one, the handling commands, and a CSV export of what the filters show. Works from the
 * keyboard: ↑/↓ select, / search, A acknowledge, G then 1-7 assign, S start, R resolve, X reject.
 */
export function OperatorConsole({
  header,
  send,
  readOnly = false,
}: {
  header: ReactNode;
  send: SendCommand;
  /** no commands: the page is not an operator's */
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const shards = useAppSelector(selectIncidentShards);
  const now = useCityNow(5000);
  const [filter, setFilter] = useState<IncidentFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortKey>('newest');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<PanelMode>('idle');
  const search = useRef<HTMLInputElement>(null);
  const runner = useCommandRunner(send);
  const { run } = runner;

  const [rowCache] = useState(() => new ConsoleRows(wardName));
  const rows = rowCache.get(shards, filter, sort);
  const selected =
    useAppSelector((s) => (selectedId ? selectIncidentById(s, selectedId) : undefined)) ?? null;
  const selectRow = useCallback((id: string) => {
    setSelectedId(id);
    setMode('idle');
  }, []);
  const set = (patch: Partial<IncidentFilter>) => setFilter((f) => ({ ...f, ...patch }));

  // Keyboard: the console's own keys, except while typing in a text field or choosing in a dropdown.
  // From the search field, ↓ goes down into the list and Esc leaves it.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const el = ev.target as HTMLElement;
      if (el === search.current && (ev.key === 'ArrowDown' || ev.key === 'Escape')) {
        el.blur();
        if (ev.key === 'ArrowDown' && rows[0]) setSelectedId(rows[0].id);
        ev.preventDefault();
        return;
      }
      const typing =
        el.tagName === 'TEXTAREA' ||
        el.tagName === 'SELECT' ||
        (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text');
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const i = rows.findIndex((r) => r.id === selectedId);
      const key = ev.key.toLowerCase();
      if (ev.key === 'ArrowDown' || key === 'j')
        setSelectedId(rows[Math.min(rows.length - 1, i + 1)]?.id ?? null);
      else if (ev.key === 'ArrowUp' || key === 'k') setSelectedId(rows[Math.max(0, i - 1)]?.id ?? null);
      else if (ev.key === '/') search.current?.focus();
      else if (ev.key === 'Escape') setMode('idle');
      else if (!selected || readOnly) return;
      else if (key === 'a' && canApply('incident.acknowledge', selected))
        void run('incident.acknowledge', { incidentId: selected.id });
      else if (key === 'g' && canApply('incident.assign', selected)) setMode('assign');
      else if (mode === 'assign' && DEPARTMENTS[Number(ev.key) - 1])
        void run('incident.assign', {
          incidentId: selected.id,
          department: DEPARTMENTS[Number(ev.key) - 1]!,
        }).then((ack) => ack.ok && setMode('idle'));
      else if (key === 's' && canApply('incident.start', selected))
        void run('incident.start', { incidentId: selected.id });
      else if (key === 'r' && canApply('incident.resolve', selected)) setMode('resolve');
      else if (key === 'x' && canApply('incident.reject', selected)) setMode('reject');
      else return;
      ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selectedId, selected, mode, run, readOnly]);

  function exportCsv() {
    const header = [
      'id',
      t('csv.reportedAt'),
      t('csv.category'),
      t('csv.title'),
      t('csv.ward'),
      t('csv.severity'),
      t('csv.status'),
      t('csv.source'),
      t('csv.department'),
      t('csv.deadline'),
      t('csv.overdue'),
    ];
    const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const body = rows.map((i) => [
      i.id,
      local(Date.parse(i.reportedAt)),
      t(`category.${categoryOf(i)}`),
      i.title,
      wardName(i.ward) ?? '',
      t(`severity.${i.severity}`),
      t(`status.${i.status}`),
      t(`source.${i.source}`),
      i.department ? t(`department.${i.department}`, { defaultValue: i.department }) : '',
      local(slaDeadline(i)),
      now !== null && isOverdue(i, now) ? t('csv.yes') : '',
    ]);
    const blob = new Blob([toCsv(header, body)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `phan-anh-${local(now ?? Date.now()).replace(/[-: ]/g, '')}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  return (
    <div className="console">
      {header}
      <div className="console-body">
        <section className="console-left">
          <div className="console-filters" role="search">
            <input
              ref={search}
              type="text"
              data-testid="filter-text"
              placeholder={t('console.search')}
              value={filter.text}
              onChange={(e) => set({ text: e.target.value })}
            />
            <select
              data-testid="filter-status"
              value={filter.status}
              onChange={(e) => set({ status: e.target.value })}
              aria-label={t('csv.status')}
            >
              <option value="open">{t('console.open')}</option>
              <option value="">{t('console.all')}</option>
              {INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
            <select
              data-testid="filter-category"
              value={filter.category}
              onChange={(e) => set({ category: e.target.value })}
              aria-label={t('csv.category')}
            >
              <option value="">{t('console.allCategories')}</option>
              {[...INCIDENT_CATEGORIES, 'other'].map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
            <select
              data-testid="filter-ward"
              value={filter.ward}
              onChange={(e) => set({ ward: e.target.value })}
              aria-label={t('csv.ward')}
            >
              <option value="">{t('console.allWards')}</option>
              {wardsByName.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
            <select
              data-testid="filter-source"
              value={filter.source}
              onChange={(e) => set({ source: e.target.value })}
              aria-label={t('csv.source')}
            >
              <option value="">{t('console.allSources')}</option>
              {INCIDENT_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
            <div className="console-severities" role="group" aria-label={t('csv.severity')}>
              {SEVERITIES.map((s) => (
                <label key={s}>
                  <input
                    type="checkbox"
                    data-testid={`filter-severity-${s}`}
                    checked={filter.severities.includes(s)}
                    onChange={() =>
                      set({
                        severities: filter.severities.includes(s)
                          ? filter.severities.filter((x) => x !== s)
                          : [...filter.severities, s],
                      })
                    }
                  />
                  <span className={`sev-pill sev-bg-${s}`}>{t(`severity.${s}`)}</span>
                </label>
              ))}
            </div>
            <select
              data-testid="sort"
              value={sort}
              onChange={(e) => setSort(e.target.value as SortKey)}
              aria-label={t('console.sort')}
            >
              {(['newest', 'oldest', 'severity', 'deadline'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`console.sortBy.${k}`)}
                </option>
              ))}
            </select>
            <span className="console-count num" data-testid="console-count">
              {t('console.count', { count: rows.length })}
            </span>
            <button type="button" data-testid="export-csv" onClick={exportCsv}>
              {t('console.export')}
            </button>
          </div>
          <IncidentList rows={rows} selectedId={selectedId} onSelect={selectRow} now={now} />
        </section>
        <aside className="console-right">
          {selected ? (
            <IncidentPanel
              key={selected.id}
              incident={selected}
              runner={runner}
              mode={mode}
              onMode={setMode}
              readOnly={readOnly}
            />
          ) : (
            <div className="console-empty">
              {t('console.pick')}
              <div className="console-keys">
                <kbd>↑</kbd> <kbd>↓</kbd> {t('console.keys.select')} · <kbd>/</kbd> {t('console.keys.search')}{' '}
                · <kbd>A</kbd> <kbd>G</kbd> <kbd>S</kbd> <kbd>R</kbd> <kbd>X</kbd>{' '}
                {t('console.keys.commands')}
              </div>
              {now !== null && <div className="num">{formatCityTime(now, lang, true)}</div>}
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}
