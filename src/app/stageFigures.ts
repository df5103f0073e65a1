import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKpiValue } from '../features/briefing';
import { countAlertsSince, selectAlerts, selectCameraCounts } from '../features/cameras/camerasSlice';
import { selectOpenIncidents } from '../features/incidents';
import { selectKpis } from '../features/kpis';
import type { StageFigure } from '../features/stage';
import { kpiDefinition } from '../shared/city/kpiCatalogue';
import { formatNumber } from '../shared/format';
import type { Lang } from '../shared/i18n/i18n';
import { useAppSelector } from './hooks';
import type { StreamFigure } from './stageVocabulary';
import { useCityNow } from './useCityNow';

const HOUR = 3_600_000;

/**
 * A tour step's figure as the stream has it now, formatted, with its label in the captions' languages
 * (both joined when the tour is bilingual). Read live, never from the script: a number in a caption
 * would be out of date the day after it was written.
 */
export function useStageFigure(
  figure: StageFigure,
  langs: readonly Lang[],
): { label: string; value: string | null } {
  const { t } = useTranslation();
  const kpis = useAppSelector(selectKpis);
  const cams = useAppSelector(selectCameraCounts);
  const alerts = useAppSelector(selectAlerts);
  const open = useAppSelector(selectOpenIncidents).length;
  const now = useCityNow(5000);
  const lang = langs[0]!;
  const alertsHour = useMemo(
    () => (now === null ? null : countAlertsSince(alerts, now - HOUR)),
    [alerts, now],
  );
  if ('kpi' in figure) {
    const def = kpiDefinition(figure.kpi)!;
    const live = kpis[figure.kpi];
    return {
      label: langs.map((l) => def.name[l]).join(' · '),
      value: live ? formatKpiValue(live.value, def.unit, lang) : null,
    };
  }
  const id = figure.stream as StreamFigure;
  const label = langs.map((l) => t(`stage.figure.${id}`, { lng: l })).join(' · ');
  const value =
    id === 'cameras.online'
      ? cams.total > 0
        ? `${formatNumber(cams.online, lang)}/${formatNumber(cams.total, lang)}`
        : null
      : id === 'alerts.lastHour'
        ? alertsHour === null
          ? null
          : formatNumber(alertsHour, lang)
        : formatNumber(open, lang);
  return { label, value };
}
