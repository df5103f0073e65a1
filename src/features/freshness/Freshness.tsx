import { shallowEqual } from 'react-redux';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { ageParts, type Quality } from '../../shared/freshness/freshness';
import { selectWidgetFreshness, type FreshWidget } from './freshnessSlice';
import { useRealNow } from './useRealNow';
import './freshness.css';

/** Each quality's mark: the colour is never alone (a wall seen from 5 m, colour-blind viewers). */
const MARK: Record<Quality, string> = { good: '●', uncertain: '▲', bad: '✕' };

/**
 * A widget's data age and quality, in words and a mark. Mounted as a direct child of a `.panel`, a
 * `.tile`, the systems strip or the map, it dims the rest of that widget while its data is stale
 * (freshness.css), so a panel is changed by one line to get it.
 */
export function Freshness({ of }: { of: FreshWidget }) {
  const { t } = useTranslation();
  const now = useRealNow();
  const f = useAppSelector((s) => selectWidgetFreshness(s, of, now), shallowEqual);
  const quality = t(`freshness.quality.${f.quality}`);
  const age = f.ageMs === null ? null : ageParts(f.ageMs);
  const ageText = age && t(`freshness.age.${age.unit}`, { n: age.n });
  const text =
    ageText === null
      ? t('freshness.never', { quality })
      : t(f.stale ? 'freshness.stale' : 'freshness.fresh', { quality, age: ageText });
  const detail =
    ageText === null
      ? t('freshness.detailNever', { quality })
      : t('freshness.detail', { quality, age: ageText });
  return (
    <span
      className={`fresh fresh-${f.quality}`}
      data-testid={`fresh-${of}`}
      data-quality={f.quality}
      data-stale={f.stale}
      data-age-ms={f.ageMs ?? ''}
      title={detail}
      aria-label={detail}
    >
      <span className="fresh-mark" aria-hidden="true">
        {MARK[f.quality]}
      </span>
      <span className="fresh-text">{text}</span>
    </span>
  );
}
