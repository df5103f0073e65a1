import { useAppSelector } from '../../app/hooks';
import { SEVERITIES } from '../../shared/protocol/codes';
import { CountTile, SubCount } from '../../shared/ui/CountTile';
import { useFormat } from '../../shared/ui/useFormat';
import { selectOpenBySeverity } from './incidentsSlice';
import { Freshness } from '../freshness';

/** The open citizen reports, and how many of them at each severity, the worst first. */
export function IncidentTile() {
  const { t, fmt } = useFormat();
  const open = useAppSelector(selectOpenBySeverity);
  return (
    <CountTile
      name="incidents-open"
      label={t('tiles.incidentsOpen')}
      value={open.open}
      display={fmt(open.open)}
    >
      <Freshness of="incidents" />
      <div className="subcounts">
        {[...SEVERITIES].reverse().map((sev) => (
          <SubCount
            key={sev}
            name={`incidents-${sev}`}
            label={t(`severity.${sev}`)}
            value={open[sev]}
            display={fmt(open[sev])}
            tone={`var(--sev-${sev})`}
          />
        ))}
      </div>
    </CountTile>
  );
}
