import type { ReactNode } from 'react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../../app/hooks';
import { HUE_WARDS, wardName } from '../../../shared/city/wards';
import { ConsoleFrame, EmptyDetail } from '../../../shared/ui/console/ConsoleFrame';
import { FilterBar } from '../../../shared/ui/console/FilterBar';
import { FilterSelect } from '../../../shared/ui/console/FilterSelect';
import { useCommandRunner } from '../../../shared/ui/console/useCommandRunner';
import type { ListModel } from '../../../shared/ui/console/listModel';
import { useListKeys } from '../../../shared/ui/console/useListKeys';
import type { SendCommand } from '../../../app/connection';
import { faultTallyOf } from '../../../shared/lights/faults';
import { filterCabinets, lampsOf, NO_CABINET_FILTER, tallyOf, type CabinetFilter } from '../cabinetCounts';
import { selectCabinets } from '../cabinetsSlice';
import type { LampFaultWatch } from '../lampFaults';
import type { LampColumns } from '../lampColumns';
import type { SetLights } from './CabinetControls';
import { CabinetList } from './CabinetList';
import { CabinetPanel } from './CabinetPanel';
import { useCabinetCounts, useCabinetFaults } from './useCabinetTallies';
import './lightsConsole.css';

/**
 * The lights console (route /lights): every control cabinet with its lamps counted by state,
 * filters to find one or the ones needing a crew, and the selected cabinet's status, schedule and
 * switches. Works from the keyboard: ↑/↓ select, / search.
 */
export function LightsConsole({
  header,
  send,
  lamps,
  faults: judgement,
  readOnly = false,
}: {
  header: ReactNode;
  send: SendCommand;
  /** the lamp columns, counted per cabinet */
  lamps: LampColumns;
  /** the page's lamp fault judgement, read per cabinet */
  faults: Pick<LampFaultWatch, 'judged'>;
  /** no commands: the page is not an operator's */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const cabinets = useAppSelector(selectCabinets);
  const counts = useCabinetCounts(lamps);
  const faults = useCabinetFaults(judgement);
  const [filter, setFilter] = useState<CabinetFilter>(NO_CABINET_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const runner = useCommandRunner();
  const { run } = runner;
  const setLights = useCallback<SetLights>(
    (data) => run(data.cabinetId, () => send('lights.set', data)),
    [run, send],
  );

  const rows = useMemo(() => filterCabinets(cabinets, faults, filter, wardName), [cabinets, faults, filter]);
  // Only the wards that have cabinets, by name.
  const wards = useMemo(() => {
    const codes = new Set(cabinets.map((c) => c.ward));
    return HUE_WARDS.filter((w) => codes.has(w.code)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [cabinets]);
  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : cabinets.findIndex((c) => c.id === selectedId)),
    [cabinets, selectedId],
  );
  const selected = cabinets[selectedIndex];
  const setFilterPart = (patch: Partial<CabinetFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const list: ListModel = { count: rows.length, idAt: (i) => cabinets[rows[i]!]!.id, selectedId };
  const search = useListKeys(list, { onSelect: setSelectedId });

  return (
    <ConsoleFrame
      className="lights"
      header={header}
      list={
        <>
          <FilterBar
            ref={search}
            search={{
              testId: 'cabinet-filter-text',
              placeholder: t('lights.search'),
              value: filter.text,
              onChange: (text) => setFilterPart({ text }),
            }}
            count={{ testId: 'cabinet-count', text: t('lights.count', { count: rows.length }) }}
          >
            <FilterSelect
              testId="cabinet-filter-ward"
              label={t('lights.column.ward')}
              value={filter.ward}
              onChange={(ward) => setFilterPart({ ward })}
              options={[['', t('lights.allWards')], ...wards.map((w) => [w.code, w.name] as const)]}
            />
            <label className="lights-check">
              <input
                type="checkbox"
                data-testid="cabinet-filter-faults"
                checked={filter.faultsOnly}
                onChange={(e) => setFilterPart({ faultsOnly: e.target.checked })}
              />
              {t('lights.faultsOnly')}
            </label>
          </FilterBar>
          <CabinetList
            cabinets={cabinets}
            rows={rows}
            list={list}
            counts={counts}
            faults={faults}
            onSelect={setSelectedId}
          />
        </>
      }
      detail={
        selected ? (
          <CabinetPanel
            key={selected.id}
            cabinet={selected}
            tally={tallyOf(counts, selectedIndex)}
            faults={faultTallyOf(faults, selectedIndex)}
            total={lampsOf(counts, selectedIndex)}
            setLights={setLights}
            busy={runner.busy}
            result={runner.result}
            readOnly={readOnly}
          />
        ) : (
          <EmptyDetail pick={t('lights.pick')} />
        )
      }
    />
  );
}
