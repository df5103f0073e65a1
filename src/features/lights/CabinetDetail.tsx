import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import {
  commandedSetting,
  faultTallyOf,
  LAMP_FAULT_KINDS,
  type LampFaultKind,
} from '../../shared/lights/faults';
import type { MapDetailProps } from '../../shared/map/capability';
import { DetailClose } from '../../shared/map/DetailClose';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import { selectCabinets } from './cabinetsSlice';
import { selectLampFaultsVersion, type LampFaultWatch } from './lampFaults';
import { useLampsVersion } from './useLampsVersion';

const NO_FAULTS: Record<LampFaultKind, number> = {
  'lamp-failure': 0,
  'day-burning': 0,
  'wrong-level': 0,
  'not-switched': 0,
};

const STATES = [
  ['on', LAMP_ON],
  ['dimmed', LAMP_DIMMED],
  ['off', LAMP_OFF],
  ['fault', LAMP_FAULT],
] as const;

/** What the panel reads besides the store: the lamp columns and the page's fault judgement. */
export interface CabinetDetailSource {
  lamps: { count: number; state: ArrayLike<number>; cabinet: ArrayLike<number> };
  faults: Pick<LampFaultWatch, 'judged'>;
}

/**
 * A control cabinet clicked on the map (a fault marker): its control status, its lamps by state and
 * its faults by kind. Read-only: switching is the lights console's job (/lights).
 */
export function CabinetDetail({ selection, onClose, lamps, faults }: MapDetailProps & CabinetDetailSource) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const cabinets = useAppSelector(selectCabinets);
  const version = useLampsVersion();
  const faultsVersion = useAppSelector(selectLampFaultsVersion);
  const index = selection?.kind === 'cabinet' ? cabinets.findIndex((c) => c.id === selection.id) : -1;
  const cab = index >= 0 ? cabinets[index] : undefined;

  const tally = useMemo(() => {
    const byState = [0, 0, 0, 0];
    const perCabinet = faults.judged?.perCabinet;
    const byKind = perCabinet ? faultTallyOf(perCabinet, index) : NO_FAULTS;
    if (index < 0) return { byState, byKind, lamps: 0 };
    let n = 0;
    for (let i = 0; i < lamps.count; i++) {
      if (lamps.cabinet[i] !== index) continue;
      n++;
      const s = lamps.state[i]!;
      if (s < byState.length) byState[s]! += 1;
    }
    return { byState, byKind, lamps: n };
    // The versions say when the columns (mutated in place) and the judgement changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, lamps, faults, version, faultsVersion]);

  if (!cab) return null;
  const st = cab.status;
  // What the cabinet drives its lamps to, as the fault rule reads it; `auto` says it follows its schedule.
  const setting = commandedSetting(st ? { ...st, online: true } : null);
  const settingText = !setting
    ? t('lights.mode.none')
    : setting.mode === 'dim'
      ? t('lights.mode.dim', { level: setting.level })
      : t(`lights.mode.${setting.mode}`);
  const mode = st?.mode === 'auto' ? `${t('lights.mode.auto')} · ${settingText}` : settingText;
  const faultKinds = LAMP_FAULT_KINDS.filter((k) => tally.byKind[k] > 0);
  return (
    <aside
      className="map-detail map-detail-short"
      data-testid="cabinet-detail-map"
      data-cabinet-id={cab.id}
      data-lamps={tally.lamps}
      data-online={st ? String(st.online) : ''}
    >
      <DetailClose onClose={onClose} />
      <h3>{t('map.cabinet', { id: cab.id })}</h3>
      <dl>
        <dt>{t('detail.ward')}</dt>
        <dd>{wardName(cab.ward) ?? cab.ward}</dd>
        <dt>{t('lights.column.group')}</dt>
        <dd>{t(`lights.group.${cab.group ?? 'none'}`, { defaultValue: cab.group ?? '' })}</dd>
        <dt>{t('lights.column.link')}</dt>
        <dd className={st?.online === false ? 'tile-alert' : undefined}>
          {st?.online === false ? t('lights.offline') : t('lights.online')}
        </dd>
        <dt>{t('lights.column.mode')}</dt>
        <dd data-testid="cabinet-detail-mode">{mode}</dd>
        {st?.override && (
          <>
            <dt>{t('lights.override')}</dt>
            <dd>
              {t('lights.overrideUntil', {
                until: formatCityTime(st.override.until, lang),
                by: st.override.by || '—',
              })}
            </dd>
          </>
        )}
        <dt>{t('lights.lamps')}</dt>
        <dd>
          {t('lights.total', { count: tally.lamps })}:{' '}
          {STATES.map(([key, code]) => `${t(`lamp.${key}`)} ${tally.byState[code]}`).join(' · ')}
        </dd>
        <dt>{t('faults.title')}</dt>
        <dd data-testid="cabinet-detail-faults">
          {faultKinds.length === 0
            ? t('faults.none')
            : faultKinds.map((k) => `${t(`faults.kind.${k}`)} ${tally.byKind[k]}`).join(' · ')}
        </dd>
      </dl>
    </aside>
  );
}
