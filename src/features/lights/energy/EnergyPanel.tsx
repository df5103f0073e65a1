import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector, useAppStore } from '../../../app/hooks';
import { cityNow } from '../../../app/connection';
import { HUE_WARDS } from '../../../shared/city/wards';
import { formatCityTime, formatEnergy, formatNumber } from '../../../shared/format';
import type { Lang } from '../../../shared/i18n/i18n';
import { emptyWardEnergy, wardEnergy } from '../../../shared/lights/energy';
import { Freshness } from '../../freshness';
import { selectCabinets } from '../cabinetsSlice';
import type { LampColumns } from '../lampColumns';
import { selectLightsSummary } from '../lightsSlice';
import { powerChartOption } from './powerChart';
import { useUiScale } from '../../../shared/ui/useUiScale';
import { powerSamplesOf } from './powerSamples';
import { lampInventory, type LampInventory } from './reading';
import { DAY_SPAN_MS, energyTotals, type EnergyTotals } from '../../../shared/lights/daily';
import { isDaylight } from '../../../shared/lights/faults';
import { HUE } from '../../../shared/lights/sun';
import { topWardSavings, type WardSaving } from './wardSavings';
import './energy.css';

/**
 * How often the panel recomputes: the ward pass reads every lamp, and a chart redrawn more than every
 * couple of seconds costs the wall's CPU for nothing a person across the room can see.
 */
const REFRESH_MS = 2000;
const WARD_ROWS = 6;
const WARD_CODES = HUE_WARDS.map((w) => w.code);

/**
 * ECharts is a chunk of its own, loaded after the wall's first paint: the map and the counts matter
 * more in the first second than the chart does, and the main bundle stays within its budget.
 */
const EChart = lazy(() => import('../../../shared/ui/EChart').then((m) => ({ default: m.EChart })));

interface EnergyReading extends EnergyTotals {
  now: number;
  powerW: number;
  ratedW: number;
  /** null while every lamp is dark (by day) */
  wards: WardSaving[] | null;
}

/**
 * Every REFRESH_MS, the store's power samples (powerSamples.ts: the hub's history, then the city's
 * draw as the page saw it) and the lamp columns turned into the figures shown. A hub that keeps no
 * history leaves the samples to start with the page, and the panel says so.
 */
function useEnergyReading(lamps: LampColumns): EnergyReading | null {
  const store = useAppStore();
  const cabinets = useAppSelector(selectCabinets);
  const series = useMemo(() => powerSamplesOf(store), [store]);
  const [reading, setReading] = useState<EnergyReading | null>(null);

  useEffect(() => {
    let inventory: LampInventory | null = null;
    const wards = emptyWardEnergy(WARD_CODES.length);
    const refresh = () => {
      const s = store.getState();
      const now = cityNow(s.connection.clock, Date.now());
      if (now === null || lamps.count === 0) return;
      // A new inventory load replaces the columns' arrays: rebuild the ward index only then.
      if (inventory?.cabinetOfLamp !== lamps.cabinet) {
        inventory = lampInventory(lamps, cabinets, WARD_CODES);
      }
      const lampWards = {
        count: lamps.count,
        ward: inventory.wardOfLamp,
        watts: lamps.watts,
        level: lamps.level,
        state: lamps.state,
      };
      setReading({
        ...energyTotals(series, now, inventory.ratedW),
        now,
        powerW: selectLightsSummary(s).powerW,
        ratedW: inventory.ratedW,
        // By day the baseline is nothing: a few lamps burning by day are a fault (the lights tile counts
        // them), not a 100% saving.
        wards: isDaylight(HUE, now)
          ? null
          : topWardSavings(wardEnergy(lampWards, WARD_CODES.length, wards), inventory.lampCounts, WARD_ROWS),
      });
    };
    // The first reading comes at once (a tick, not in the effect itself), then every REFRESH_MS.
    const first = setTimeout(refresh, 0);
    const id = setInterval(refresh, REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [store, series, lamps, cabinets]);

  return reading;
}

const pct = (share: number, lang: Lang) => `${formatNumber(share * 100, lang)} %`;

/**
 * The wall's lighting energy panel (issue 5): power now, energy so far today against the
 * dusk-to-dawn baseline, the last 24 hours of power, and the saving in the wards with most lamps.
 */
export function EnergyPanel({ lamps }: { lamps: LampColumns }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const r = useEnergyReading(lamps);
  const labels = useMemo(
    () => ({ power: t('energy.seriesPower'), baseline: t('energy.seriesBaseline') }),
    [t],
  );
  const scale = useUiScale();
  const option = useMemo(
    () => r && powerChartOption({ points: r.points, now: r.now, ratedW: r.ratedW, lang, labels, scale }),
    [r, lang, labels, scale],
  );

  if (!r || !option) {
    return (
      <section className="panel energy" data-testid="energy-panel">
        <h2>{t('energy.title')}</h2>
        <Freshness of="energy" />
        <p className="energy-note">{t('energy.waiting')}</p>
      </section>
    );
  }
  // Once the samples fill the chart's 24 hours there is nothing missing to own up to.
  const sinceText =
    r.firstSample === null || r.firstSample <= r.now - DAY_SPAN_MS
      ? null
      : formatCityTime(r.firstSample, lang);
  return (
    <section
      className="panel energy"
      data-testid="energy-panel"
      data-now={r.now}
      data-since={r.since}
      data-first-sample={r.firstSample ?? ''}
    >
      <h2>{t('energy.title')}</h2>
      <Freshness of="energy" />
      <div className="energy-figures">
        <div>
          <div className="energy-label">{t('energy.powerNow')}</div>
          <div className="energy-value num" data-testid="energy-power" data-value={r.powerW}>
            {formatNumber(r.powerW / 1000, lang, 1)} kW
          </div>
        </div>
        <div>
          <div className="energy-label" data-testid="energy-today-label">
            {r.since === r.firstSample
              ? t('energy.todaySince', { at: formatCityTime(r.since, lang) })
              : t('energy.today')}
          </div>
          <div className="energy-value num" data-testid="energy-today" data-value={r.todayWh}>
            {formatEnergy(r.todayWh, lang)}
          </div>
        </div>
        <div>
          <div className="energy-label">{t('energy.saved')}</div>
          <div className="energy-value num" data-testid="energy-saved" data-value={r.saved ?? ''}>
            {r.saved === null ? '—' : pct(r.saved, lang)}
          </div>
        </div>
      </div>
      <div className="energy-sub">
        {r.saved === null
          ? t('energy.savedNone')
          : t('energy.savedVs', { energy: formatEnergy(r.baselineWh, lang) })}
      </div>
      <div className="energy-chart-head">
        <span>{t('energy.chart')}</span>
        {sinceText && <span className="energy-since">{t('energy.chartSince', { at: sinceText })}</span>}
      </div>
      <Suspense fallback={<div className="energy-chart" />}>
        <EChart option={option} className="energy-chart" testid="energy-chart" />
      </Suspense>
      {r.wards ? (
        <>
          <div className="energy-chart-head">{t('energy.wards')}</div>
          <ol className="energy-wards">
            {r.wards.map((w) => (
              <WardRow key={w.ward} row={w} lang={lang} lampsText={t('energy.wardLamps', { n: w.lamps })} />
            ))}
          </ol>
        </>
      ) : (
        <p className="energy-note">{t('energy.lampsOff')}</p>
      )}
    </section>
  );
}

function WardRow({ row, lang, lampsText }: { row: WardSaving; lang: Lang; lampsText: string }) {
  const ward = HUE_WARDS[row.ward];
  // A negative saving (lamps burning above the baseline) shows as an empty bar and its figure.
  const width = row.saved === null ? 0 : Math.min(1, Math.max(0, row.saved)) * 100;
  return (
    <li
      className="energy-ward"
      data-testid="energy-ward"
      data-ward={ward?.code}
      data-value={row.saved ?? ''}
      title={lampsText}
    >
      <span className="energy-ward-name">{ward?.name}</span>
      <span className="energy-ward-value num">{row.saved === null ? '—' : pct(row.saved, lang)}</span>
      <span className="energy-bar">
        <span style={{ width: `${width}%` }} />
      </span>
    </li>
  );
}
