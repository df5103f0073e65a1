import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { DEPARTMENTS } from '../../shared/city/profile';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { canApply } from '../../shared/protocol/incident';
import type { Incident } from '../../shared/protocol/events';
import { ConsoleFrame, EmptyDetail } from '../../shared/ui/console/ConsoleFrame';
import { FilterBar } from '../../shared/ui/console/FilterBar';
import { useCommandRunner } from '../../shared/ui/console/useCommandRunner';
import type { ListModel } from '../../shared/ui/console/listModel';
import { useListKeys } from '../../shared/ui/console/useListKeys';
import type { SendCommand } from '../../app/connection';
import { ConsoleRows, NO_FILTER, type IncidentFilter, type SortKey } from './filters';
import { IncidentFilters } from './IncidentFilters';
import { IncidentList } from './IncidentList';
import { IncidentPanel, type IncidentCommand, type PanelMode } from './IncidentPanel';
import { incidentsCsv, incidentsCsvName } from './incidentsCsv';
import { selectIncidentById, selectIncidentShards } from './incidentsSlice';
import './operatorConsole.css';

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
  const runner = useCommandRunner();
  const { run } = runner;
  const command = useCallback<IncidentCommand>(
    (type, data) => run(data.incidentId, () => send(type, data)),
    [run, send],
  );

  const [rowCache] = useState(() => new ConsoleRows(wardName));
  const rows = rowCache.get(shards, filter, sort);
  const selected =
    useAppSelector((s) => (selectedId ? selectIncidentById(s, selectedId) : undefined)) ?? null;
  const selectRow = useCallback((id: string) => {
    setSelectedId(id);
    setMode('idle');
  }, []);
  const setFilterPart = (patch: Partial<IncidentFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const list: ListModel = { count: rows.length, idAt: (i) => rows[i]!.id, selectedId };
  const search = useListKeys(list, {
    onSelect: setSelectedId,
    onKey: (ev, move) => commandKey(ev.key, move),
  });

  /** The console's own keys, outside fields: j/k as ↓/↑, Escape out of a mode, the command keys. */
  function commandKey(pressed: string, move: (step: 1 | -1) => void): boolean {
    const key = pressed.toLowerCase();
    if (key === 'j') move(1);
    else if (key === 'k') move(-1);
    else if (pressed === 'Escape') setMode('idle');
    else if (!selected || readOnly) return false;
    else if (key === 'a' && canApply('incident.acknowledge', selected))
      void command('incident.acknowledge', { incidentId: selected.id });
    else if (key === 'g' && canApply('incident.assign', selected)) setMode('assign');
    else if (mode === 'assign' && DEPARTMENTS[Number(pressed) - 1])
      void command('incident.assign', {
        incidentId: selected.id,
        department: DEPARTMENTS[Number(pressed) - 1]!,
      }).then((ack) => ack?.ok && setMode('idle'));
    else if (key === 's' && canApply('incident.start', selected))
      void command('incident.start', { incidentId: selected.id });
    else if (key === 'r' && canApply('incident.resolve', selected)) setMode('resolve');
    else if (key === 'x' && canApply('incident.reject', selected)) setMode('reject');
    else return false;
    return true;
  }

  return (
    <ConsoleFrame
      className="operator"
      header={header}
      list={
        <>
          <FilterBar
            ref={search}
            search={{
              testId: 'filter-text',
              placeholder: t('console.search'),
              value: filter.text,
              onChange: (text) => setFilterPart({ text }),
            }}
            count={{ testId: 'console-count', text: t('console.count', { count: rows.length }) }}
            actions={
              <button type="button" data-testid="export-csv" onClick={() => download(rows, now, t)}>
                {t('console.export')}
              </button>
            }
          >
            <IncidentFilters filter={filter} onFilter={setFilterPart} sort={sort} onSort={setSort} />
          </FilterBar>
          <IncidentList rows={rows} list={list} onSelect={selectRow} now={now} />
        </>
      }
      detail={
        selected ? (
          <IncidentPanel
            key={selected.id}
            incident={selected}
            command={command}
            busy={runner.busy}
            result={runner.result}
            mode={mode}
            onMode={setMode}
            readOnly={readOnly}
          />
        ) : (
          <EmptyDetail
            pick={t('console.pick')}
            keys={
              <>
                <kbd>A</kbd> <kbd>G</kbd> <kbd>S</kbd> <kbd>R</kbd> <kbd>X</kbd> {t('console.keys.commands')}
              </>
            }
          >
            {now !== null && <div className="num">{formatCityTime(now, lang, true)}</div>}
          </EmptyDetail>
        )
      }
    />
  );
}

/** Saves what the filters show as a CSV file. */
function download(rows: readonly Incident[], now: number | null, t: TFunction) {
  const blob = new Blob([incidentsCsv(rows, now, t)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = incidentsCsvName(now ?? Date.now());
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
