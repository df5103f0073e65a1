import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { wardName } from '../../../shared/city/wards';
import type { Cabinet } from '../../../shared/protocol/events';
import type { ListModel } from '../../../shared/ui/console/listModel';
import { ListRow, WindowedList, type RowPlace } from '../../../shared/ui/console/WindowedList';
import {
  lampFaultsOf,
  tallyOf,
  type CabinetCounts,
  type CabinetFaults,
  type LampTally,
} from '../cabinetCounts';
import { groupLabel, modeLabel } from './cabinetLabels';

interface Props {
  cabinets: readonly Cabinet[];
  /** inventory indexes of the cabinets to show, in order */
  rows: readonly number[];
  /** the rows as the list and its keys read them */
  list: ListModel;
  counts: CabinetCounts;
  faults: CabinetFaults;
  onSelect: (id: string) => void;
}

/** The cabinet list, windowed, under its column headings; each row counts the cabinet's lamps by state. */
export function CabinetList({ cabinets, rows, list, counts, faults, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <WindowedList
      testId="cabinet-list"
      label={t('lights.list')}
      rowRem={2.2}
      list={list}
      onSelect={onSelect}
      head={
        <div className="console-head cabinet-row" aria-hidden="true">
          <span>{t('lights.column.id')}</span>
          <span>{t('lights.column.ward')}</span>
          <span>{t('lights.column.group')}</span>
          <span>{t('lights.column.mode')}</span>
          <span>{t('lights.column.link')}</span>
          <span className="lamp-count on">{t('lights.column.on')}</span>
          <span className="lamp-count dimmed">{t('lights.column.dimmed')}</span>
          <span className="lamp-count off">{t('lights.column.off')}</span>
          <span className="lamp-count fault">{t('lights.column.fault')}</span>
        </div>
      }
      row={(i, place) => {
        const c = rows[i]!;
        const cab = cabinets[c]!;
        return (
          <Row key={cab.id} {...place} cab={cab} {...tallyOf(counts, c)} faults={lampFaultsOf(faults, c)} />
        );
      }}
    />
  );
}

interface RowProps extends LampTally, RowPlace {
  /** lamps with a fault of any kind (`fault` counts only the failed ones) */
  faults: number;
  cab: Cabinet;
}

/**
 * One cabinet; memoised on its counts as numbers, so that a recount re-renders only the rows whose
 * lamps changed. The counts are also attributes, for tools that read the list: `data-fault` the lamps
 * in state fault, `data-faults` the lamps with a fault of any kind (the Sự cố column).
 */
const Row = memo(function Row({ cab, on, dimmed, off, fault, faults, ...place }: RowProps) {
  const { t } = useTranslation();
  const status = cab.status;
  const offline = status?.online === false;
  return (
    <ListRow
      {...place}
      data-testid="cabinet-row"
      data-cabinet-id={cab.id}
      data-online={status ? String(status.online) : undefined}
      data-on={on}
      data-dimmed={dimmed}
      data-off={off}
      data-fault={fault}
      data-faults={faults}
      className={`cabinet-row${offline || faults > 0 ? ' attention' : ''}`}
    >
      <span className="cab-id num">{cab.id}</span>
      <span className="cab-ward">{wardName(cab.ward) ?? cab.ward}</span>
      <span className="cab-group">{groupLabel(t, cab.group)}</span>
      <span className={`cab-mode mode-${status?.mode ?? 'none'}`}>
        {status ? modeLabel(t, status.mode, status.level) : t('lights.mode.none')}
      </span>
      <span className={`cab-link${offline ? ' offline' : ''}`}>
        {status ? (status.online ? t('lights.online') : t('lights.offline')) : ''}
      </span>
      <span className="lamp-count on num">{on}</span>
      <span className="lamp-count dimmed num">{dimmed}</span>
      <span className="lamp-count off num">{off}</span>
      <span className={`lamp-count fault num${faults > 0 ? ' some' : ''}`}>{faults}</span>
    </ListRow>
  );
});
