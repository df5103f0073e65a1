import type { KpiSystem } from './kpiCatalogue';

// How long each upstream system may stay quiet, in real time. The hub judges the systems with this
// table (server/systems.ts) and the page its widgets' freshness (src/shared/freshness), so that a
// system the strip calls late never has fresh-looking panels beside it.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface SystemThresholds {
  /** no data for this long: late */
  lateAfterMs: number;
  /** no data for this long: silent */
  silentAfterMs: number;
}

const live = { lateAfterMs: MINUTE_MS, silentAfterMs: 5 * MINUTE_MS };
const hourly = { lateAfterMs: HOUR_MS, silentAfterMs: 6 * HOUR_MS };

/**
 * Systems of live events (reports, cameras, lamps, alarms) speak every few seconds; the services'
 * databases report in batches; statistics come monthly and the digital teams' census quarterly. A
 * heartbeat keeps any of them connected in between.
 */
export const SYSTEM_THRESHOLDS: Readonly<Record<KpiSystem, SystemThresholds>> = {
  'hue-s': live,
  cameras: live,
  lighting: live,
  'fire-safety': live,
  'cyber-soc': { lateAfterMs: 5 * MINUTE_MS, silentAfterMs: 30 * MINUTE_MS },
  'bike-sharing': { lateAfterMs: 15 * MINUTE_MS, silentAfterMs: 2 * HOUR_MS },
  'public-services': hourly,
  'one-stop': hourly,
  'e-office': hourly,
  'e-id': hourly,
  payments: hourly,
  tourism: hourly,
  museum: hourly,
  health: { lateAfterMs: DAY_MS, silentAfterMs: 3 * DAY_MS },
  education: { lateAfterMs: 7 * DAY_MS, silentAfterMs: 40 * DAY_MS },
  'digital-teams': { lateAfterMs: 100 * DAY_MS, silentAfterMs: 200 * DAY_MS },
  statistics: { lateAfterMs: 40 * DAY_MS, silentAfterMs: 100 * DAY_MS },
};
