import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/format';
import type { Lang } from '../../../shared/i18n/i18n';
import { LAMP_FAULT_KINDS, type LampFaultKind } from '../../../shared/lights/faults';

/**
 * The cabinet's faults by kind, only the kinds it has. Offline, its lamps are judged only by their own
 * failure reports (what it commands is unknown), and the list says so.
 */
export function FaultList({ faults, offline }: { faults: Record<LampFaultKind, number>; offline: boolean }) {
  const { t, i18n } = useTranslation();
  const kinds = LAMP_FAULT_KINDS.filter((k) => faults[k] > 0);
  if (!offline && kinds.length === 0) return <span className="fault-none">{t('faults.none')}</span>;
  return (
    <ul className="fault-kinds">
      {offline && (
        <li className="fault-kind kind-cabinet-offline" data-kind="cabinet-offline">
          {t('faults.kind.cabinet-offline')} <span className="fault-note">{t('faults.offlineNote')}</span>
        </li>
      )}
      {kinds.map((k) => (
        <li key={k} className={`fault-kind kind-${k}`} data-kind={k} data-count={faults[k]}>
          {t(`faults.kind.${k}`)}{' '}
          <span className="num">{formatNumber(faults[k], i18n.language as Lang)}</span>
        </li>
      ))}
    </ul>
  );
}
