import type { KpiDefinition } from '../../shared/city/kpiCatalogue';
import type { Lang } from '../../shared/i18n/i18n';
import { Sparkline } from '../../shared/ui/Sparkline';
import { formatKpiValue, texts } from './charts/theme';
import type { KpiFigure } from './figures';
import type { BriefingPeriod } from './periods';
import { formatChange, formatFigure } from './format';

/**
 * One headline indicator: its figure over the period, the target beside it, the change against the
 * previous period and the recent trend. Below target says so in words and a mark, not only in red.
 */
export function HeadlineTile({
  def,
  figure,
  spark,
  lang,
  selected,
  period,
  onOpen,
}: {
  def: KpiDefinition;
  figure: KpiFigure;
  spark: readonly (readonly [number, number])[];
  lang: Lang;
  selected: boolean;
  period: BriefingPeriod;
  onOpen: (id: string) => void;
}) {
  const t = texts(lang).briefing;
  const below = figure.belowTarget === true;
  // The unit smaller than the figure, so that "1.300 tỷ đồng" fits a tile as well as "95,2 %".
  const [number, unit] = splitUnit(formatFigure(figure, def, lang), figure.value !== null);
  return (
    <button
      type="button"
      className={`b-tile${below ? ' b-below' : ''}${selected ? ' b-selected' : ''}`}
      data-testid={`briefing-tile-${def.id}`}
      data-value={figure.value ?? ''}
      data-below={figure.belowTarget ?? ''}
      onClick={() => onOpen(def.id)}
    >
      <span className="b-tile-name">{def.name[lang]}</span>
      <span className="b-tile-value num">
        {number}
        {unit && <span className="b-unit"> {unit}</span>}
      </span>
      <span className="b-tile-target">
        {t.target}: <span className="num">{formatKpiValue(figure.target, def.unit, lang)}</span>
      </span>
      <span className="b-tile-change">
        {figure.belowTarget !== null && (
          <span className={`b-verdict ${below ? 'bad' : 'ok'}`}>
            {below ? `▼ ${t.notMet}` : `✓ ${t.met}`}
          </span>
        )}
        {figure.change && (
          <span
            className={`num b-change ${figure.change.better ? 'ok' : figure.change.absolute === 0 ? '' : 'bad'}`}
            title={t.previous[period]}
          >
            {formatChange(figure.change, def, lang)}
          </span>
        )}
      </span>
      <Sparkline points={spark} bad={below} className="b-spark" />
    </button>
  );
}

function splitUnit(text: string, hasValue: boolean): [string, string] {
  const m = hasValue ? /^(\S+)\s(.+)$/.exec(text) : null;
  return m ? [m[1]!, m[2]!] : [text, ''];
}
