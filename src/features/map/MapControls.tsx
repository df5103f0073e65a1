import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { SEVERITIES } from '../../shared/protocol/codes';
import { faultsOnlyToggled, layerToggled, MAP_LAYERS, selectMapLayers, viewRequested } from './mapSlice';
import { LAYER_KEYS } from './useMapKeyboard';
import { VIEW_NAMES } from './views';

const keyOf = Object.fromEntries(Object.entries(LAYER_KEYS).map(([k, id]) => [id, k.toUpperCase()]));

/**
 * Named views, layer toggles and the legend, in a corner of the map. Each shows its key. Memoised:
 * the map around it renders on every lamp repaint, the controls only when the layers change.
 */
export const MapControls = memo(function MapControls() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const layers = useAppSelector(selectMapLayers);
  return (
    <div className="map-controls">
      <div className="map-views" role="group" aria-label={t('map.views')}>
        {VIEW_NAMES.map((v, i) => (
          <button key={v} type="button" data-testid={`view-${v}`} onClick={() => dispatch(viewRequested(v))}>
            <kbd>{i + 1}</kbd> {t(`map.view.${v}`)}
          </button>
        ))}
      </div>
      <div className="map-layers" role="group" aria-label={t('map.layers')}>
        {MAP_LAYERS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              data-testid={`layer-toggle-${id}`}
              checked={layers[id]}
              onChange={() => dispatch(layerToggled(id))}
            />
            <kbd>{keyOf[id]}</kbd> {t(`map.layer.${id}`)}
          </label>
        ))}
        <label className="map-layers-wide">
          <input
            type="checkbox"
            data-testid="faults-only"
            checked={layers.faults && !layers.lamps}
            onChange={() => dispatch(faultsOnlyToggled())}
          />
          <kbd>X</kbd> {t('map.faultsOnly')}
        </label>
      </div>
      <div className="map-keys">
        <kbd>[</kbd> <kbd>]</kbd> {t('map.rotate')} · <kbd>P</kbd> {t('map.pitch')} · <kbd>Esc</kbd>{' '}
        {t('map.close')}
      </div>
      <div className="map-legend" data-testid="map-legend">
        {[...SEVERITIES].reverse().map((s) => (
          <span key={s}>
            <i className="legend-dot" style={{ background: `var(--sev-${s})` }} /> {t(`severity.${s}`)}
          </span>
        ))}
        {(['on', 'dimmed', 'off', 'fault'] as const).map((k) => (
          <span key={k}>
            <i className="legend-dot small" style={{ background: `var(--lamp-${k})` }} /> {t(`lamp.${k}`)}
          </span>
        ))}
        <span>
          <i className="legend-dot" style={{ background: 'var(--accent)' }} /> {t('map.layer.cameras')}
        </span>
      </div>
    </div>
  );
});
