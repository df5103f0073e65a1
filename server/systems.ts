import { KPI_SYSTEMS, kpiDefinition, type KpiSystem } from '../src/shared/city/kpiCatalogue';
import type { CityEvent, StreamEvent, SystemStatus, SystemsReport } from '../src/shared/protocol/events';
import { SYSTEM_THRESHOLDS, type SystemThresholds } from '../src/shared/city/systemThresholds';

// The page judges its widgets' freshness with the same table (src/shared/freshness).
export { SYSTEM_THRESHOLDS, type SystemThresholds };

// The upstream systems behind the wall, judged from the last data the hub had from each: its
// indicators, its own events (Hue-S reports, camera alerts, lamp telemetry) or its heartbeat.

/** connected, late or silent after `ageMs` without data; silent when there never was any. */
export function systemStatus(ageMs: number | null, t: SystemThresholds): SystemStatus['status'] {
  if (ageMs === null || ageMs >= t.silentAfterMs) return 'silent';
  return ageMs >= t.lateAfterMs ? 'late' : 'connected';
}

/** The system a stream event comes from, or null for one no system of the catalogue stands behind. */
export function systemOf(event: CityEvent): KpiSystem | null {
  switch (event.type) {
    case 'kpi.updated':
      return kpiDefinition(event.data.id)?.source ?? null;
    case 'system.heartbeat':
      return event.data.system;
    case 'incident.reported':
      return event.data.source === 'hue-s' ? 'hue-s' : null;
    case 'camera.alert':
    case 'camera.status':
      return 'cameras';
    case 'light.states':
    case 'light.state':
    case 'cabinet.updated':
      return 'lighting';
    default:
      return null;
  }
}

/**
 * When the hub last heard from each system. Ages are measured on the hub's real clock: a simulated
 * city runs hundreds of times faster, and on its clock every live producer would look late. The time
 * shown is the city's, as the wall shows every other time.
 */
export class SystemsWatch {
  private readonly last = new Map<KpiSystem, { cityAt: number; realAt: number }>();

  /** `realNow`: the real clock, epoch ms (tests pass their own) */
  constructor(private readonly realNow: () => number = Date.now) {}

  /** `system` sent something at city time `cityAt`. */
  heard(system: KpiSystem, cityAt: number): void {
    this.last.set(system, { cityAt, realAt: this.realNow() });
  }

  /** Committed events: each counts for the system it comes from, at its city time. */
  noteEvents(events: readonly StreamEvent[]): void {
    for (const e of events) {
      const system = systemOf(e);
      if (system) this.heard(system, e.ts);
    }
  }

  statuses(): SystemStatus[] {
    const now = this.realNow();
    return KPI_SYSTEMS.map((system) => {
      const last = this.last.get(system);
      return {
        system,
        status: systemStatus(last ? now - last.realAt : null, SYSTEM_THRESHOLDS[system]),
        lastAt: last ? new Date(last.cityAt).toISOString() : null,
      };
    });
  }
}

/** How often the hub looks at the systems' statuses, in real ms: a status change reaches viewers within it. */
export const SYSTEMS_CHECK_MS = 1000;
/**
 * The times of last data alone are sent at most this often (real ms). Live systems move theirs with
 * every tick: sent each time, they would make the statuses a stream of their own.
 */
export const SYSTEMS_REFRESH_MS = 5000;

/**
 * Tells the viewers the systems' statuses (the `systems` message, docs/protocol.md): at the first
 * check after a status changes, once; otherwise, when only the times of last data moved, at most every
 * `refreshMs`. Nothing is sent while nothing changed. Call `check` every SYSTEMS_CHECK_MS.
 */
export class SystemsAnnouncer {
  private sent: SystemStatus[] | null = null;
  private sentAt = -Infinity;

  constructor(
    private readonly watch: SystemsWatch,
    private readonly send: (report: SystemsReport) => void,
    private readonly cityNow: () => number,
    private readonly realNow: () => number = Date.now,
    private readonly refreshMs = SYSTEMS_REFRESH_MS,
  ) {}

  check(): void {
    const now = this.watch.statuses();
    const before = this.sent;
    const statusChanged = !before || now.some((s, i) => s.status !== before[i]?.status);
    const timesMoved = !before || now.some((s, i) => s.lastAt !== before[i]?.lastAt);
    const real = this.realNow();
    if (!statusChanged && !(timesMoved && real - this.sentAt >= this.refreshMs)) return;
    this.sent = now;
    this.sentAt = real;
    this.send({ at: new Date(this.cityNow()).toISOString(), systems: now });
  }
}
