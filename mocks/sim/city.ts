// The seeded Huế city: a discrete-event simulation on a simulated clock. Every happening (a report, a
// status change, a camera dropping out, a cabinet switching its lamps) sits on an agenda; advance()
// runs the agenda up to the new clock and returns the events in order. No I/O, no wall clock.
import { HUE_KPIS, KPI_SYSTEMS, type KpiSystem } from '../../src/shared/city/kpiCatalogue';
import type { AlertKind, CameraKind } from '../../src/shared/protocol/codes';
import type {
  Camera,
  CameraAlert,
  CityEvent,
  CityState,
  Incident,
  Kpi,
  KpiSample,
  LampColumns,
} from '../../src/shared/protocol/events';
import { isRetained, MAX_ALERTS } from '../../src/shared/protocol/retention';
import { monthsBefore } from '../../src/shared/city/periods';
import { reportRecordOf, type ReportRecord } from '../../src/shared/city/reports';
import { DailyProcess, INCIDENTS_PER_YEAR, reportArrivals } from './arrivals';
import { buildCameras } from './cameras';
import { makeIncident, planLifecycle, type LifecycleStep } from './incidents';
import { kpiHistory, seedIndicators } from './kpiHistory';
import { REPORT_HISTORY_MONTHS, reportHistory } from './reportHistory';
import { LiveIndicator } from './kpiLive';
import { buildLampLayout, type LampLayout } from './lamps';
import { Lighting, type CabinetCommand, type ControlResult } from './lighting';
import { fakeName, fakePlate } from './people';
import { Agenda } from './queue';
import { STREAMS, deriveSeed, streamRng, type Rng } from './rng';
import { DAY_MS, HOUR_MS, MINUTE_MS, UTC_OFFSET_MS } from './sun';

export interface CitySimOptions {
  /** default 1 */
  seed: number;
  /** default 20,000; 50,000 builds in well under a second */
  lamps?: number;
  /** simulated seconds per real second; default 720 (a day in 2 minutes) */
  timeScale?: number;
  /** sim clock start, epoch ms; default 17:00 in Huế on 23 November 2026 */
  start?: number;
  /** report numbers (PA-YYYY-NNNNN) go on after this one: a city resumed from a store must not reuse ids */
  incidentNumberFrom?: number;
}

export interface CitySim {
  /** sim clock, epoch ms */
  readonly now: number;
  readonly scale: number;
  /** the full current state; clock = { now, scale, simulated: true } */
  state(): CityState;
  /**
   * moves the sim clock by realDtMs * scale and returns what happened, in order; the lamps that
   * changed are one `light.states` (each lamp's latest state), where the first of them changed
   */
  advance(realDtMs: number): CityEvent[];
  /**
   * An operator's `lights.set` on a cabinet, at the current sim time. The lamp and cabinet events it
   * causes wait in the output: take them with drain() (or the next advance()).
   */
  controlCabinet(cmd: CabinetCommand, by: string): ControlResult;
  /** the events produced since the last advance() or drain(), without moving the clock; lamps as in advance() */
  drain(): CityEvent[];
  /** what the lamps drew over the last `spanMs` up to now, a (city ms, watts) sample a minute */
  powerHistory(spanMs: number): [number, number][];
  /**
   * Takes open incidents of a city restored from storage as its own: it plans the rest of their
   * handling from now on, as its operators would. Returns how many it took.
   */
  adopt(incidents: readonly Incident[]): number;
  /**
   * Takes the operators' overrides that a restored city's cabinets still hold, their lamps set to
   * them (Lighting.adoptOverrides). Returns how many.
   */
  adoptOverrides(cabinets: LampColumns['cabinets']): number;
  /**
   * The indicators' simulated history up to `cityNow` (see kpiHistory.ts), the same for the same
   * seed. The hub stores it once, when a new city first starts: the live values go on from the
   * history at the city's start.
   */
  kpiHistory(cityNow: number): KpiSample[];
  /**
   * The citizen reports finished before the city's start that its first state no longer holds: a
   * seeded past of REPORT_HISTORY_MONTHS (reportHistory.ts), then those of the warm-up month that
   * left the state. With the state's own they make one unbroken record; the hub stores it once.
   */
  reportHistory(): ReportRecord[];
}

export { INCIDENTS_PER_YEAR };
export const DEFAULT_LAMPS = 50_000;
export const DEFAULT_TIME_SCALE = 720;
/** 17:00 in Huế (UTC+7) on 23 November 2026. */
export const DEFAULT_START = Date.UTC(2026, 10, 23, 10, 0);

export const ALERTS_PER_DAY = 14;
const CAMERA_UPTIME_MEAN_MS = 4 * DAY_MS;
const CAMERA_OUTAGE_MEAN_MS = 2 * HOUR_MS;
/** The city starts as it would be after a month of running: open cases, a history, recent alerts. */
const WARMUP_MS = 35 * DAY_MS;
const LAMP_WARMUP_MS = 3 * DAY_MS;
/** An indicator moves every 2.5-3.5 city hours: the stream carries about as many as before issue 13. */
const KPI_STEP_MIN_MS = 150 * MINUTE_MS;
const KPI_STEP_MAX_MS = 210 * MINUTE_MS;
/**
 * A system beats every 5 real seconds at any clock speed: well inside the wall's tightest freshness
 * threshold (lamps, 30 s), so that a quiet but speaking system never looks stale between its beats.
 */
const HEARTBEAT_REAL_MS = 5_000;

/** The upstream systems the simulator stands for: those of its indicators, its cameras and its lamps. */
const SIM_SYSTEMS: readonly KpiSystem[] = KPI_SYSTEMS.filter(
  (s) => s === 'cameras' || s === 'lighting' || HUE_KPIS.some((k) => k.source === s),
);

// Camera analytics follow the traffic: rush hours and the evening crowds at the market and the river.
const ALERT_PROFILE = [
  0.3, 0.2, 0.15, 0.15, 0.2, 0.5, 1.1, 1.8, 1.6, 1.2, 1.0, 1.0, 1.0, 1.0, 1.1, 1.3, 1.7, 1.9, 1.8, 1.6, 1.4,
  1.1, 0.8, 0.5,
];

const ALERT_KINDS_BY_CAMERA: Record<CameraKind, [AlertKind[], number[]]> = {
  face: [
    ['face-match', 'crowd'],
    [85, 15],
  ],
  plate: [
    ['plate-hit', 'traffic-violation'],
    [45, 55],
  ],
  ptz: [
    ['crowd', 'vandalism', 'traffic-violation'],
    [35, 20, 45],
  ],
  fixed: [
    ['traffic-violation', 'vandalism', 'crowd'],
    [60, 20, 20],
  ],
};

class HueCity implements CitySim {
  readonly scale: number;
  private clock: number;
  private emitting = false;
  /** each system's next heartbeat, city ms */
  private readonly nextBeat = new Map<KpiSystem, number>();
  private out: CityEvent[] = [];
  /** where in `out` this step's one light.states goes: where its first lamp changed (-1: none yet) */
  private lampSlot = -1;
  private readonly agenda = new Agenda();

  private readonly rng: Record<keyof typeof STREAMS, Rng>;
  private readonly cameras: Camera[];
  private readonly incidents = new Map<string, Incident>();
  private readonly lastIdByCategory = new Map<string, string>();
  private incidentCount = 0;
  private readonly alerts: CameraAlert[] = [];
  private alertCount = 0;
  private readonly seed: number;
  private readonly start: number;
  /** the warm-up's reports that had finished and left the state by the start */
  private readonly warmUpFinished: ReportRecord[];
  private readonly indicators: LiveIndicator[];
  private lastPrune = 0;

  private readonly layout: LampLayout;
  private readonly lighting: Lighting;

  constructor(opts: CitySimOptions) {
    const seed = opts.seed ?? 1;
    this.seed = seed;
    const lamps = Math.max(0, Math.floor(opts.lamps ?? DEFAULT_LAMPS));
    this.scale = opts.timeScale ?? DEFAULT_TIME_SCALE;
    if (!(this.scale > 0)) throw new Error('timeScale must be positive');
    const start = opts.start ?? DEFAULT_START;
    this.start = start;
    this.incidentCount = Math.max(0, Math.floor(opts.incidentNumberFrom ?? 0));

    this.rng = Object.fromEntries(
      Object.entries(STREAMS).map(([name, stream]) => [name, streamRng(seed, stream)]),
    ) as Record<keyof typeof STREAMS, Rng>;

    const from = start - WARMUP_MS;
    this.clock = from;
    this.cameras = buildCameras(this.rng.cameras);
    // The indicators start where their history (as kpiHistory(start) gives it) ends.
    this.indicators = seedIndicators(start, streamRng(seed, STREAMS.kpiHistory)).states.map(
      (s) => new LiveIndicator(s, start),
    );

    this.layout = buildLampLayout(deriveSeed(seed, STREAMS.layout), lamps);
    this.lighting = new Lighting({
      layout: this.layout,
      agenda: this.agenda,
      rng: this.rng.lamps,
      now: () => this.clock,
      emit: (e) => this.emit(e),
      lampChanged: () => {
        if (!this.emitting || this.lampSlot >= 0) return;
        this.lampSlot = this.out.length;
        // A place holder: the batch is made when the step ends, with each lamp's latest state.
        this.out.push({ type: 'light.states', data: { i: [], s: [], l: [] } });
      },
    });

    this.startIncidents(from);
    this.startAlerts(from);
    this.cameras.forEach((camera) => this.scheduleCameraFailure(camera, from));
    for (const track of this.indicators) this.scheduleKpi(track, start);
    for (const system of SIM_SYSTEMS) this.scheduleHeartbeat(system, start);
    this.lighting.start(start - LAMP_WARMUP_MS);

    // Play the past month silently, so the first state looks like a city in the middle of its day.
    this.agenda.runUntil(start, (t) => (this.clock = t));
    this.clock = start;
    this.warmUpFinished = [...this.incidents.values()]
      .filter((i) => !isRetained(i, start))
      .map((i) => ({ ...reportRecordOf(i), simulated: true }));
    this.prune();
    // The silent past's lamp changes are in the first state(), not the stream.
    this.lighting.takeLampChanges();
    this.emitting = true;
  }

  /** city ms between a system's heartbeats: 5 real seconds at the clock's speed, at least a city second */
  private get beatEvery(): number {
    return Math.max(1000, HEARTBEAT_REAL_MS * this.scale);
  }

  get now(): number {
    return this.clock;
  }

  advance(realDtMs: number): CityEvent[] {
    if (!(realDtMs > 0)) return [];
    const until = this.clock + realDtMs * this.scale;
    this.agenda.runUntil(until, (t) => (this.clock = t));
    this.clock = until;
    this.beatUntil(until);
    if (this.clock - this.lastPrune > HOUR_MS) this.prune();
    return this.drain();
  }

  state(): CityState {
    const now = this.clock;
    const l = this.layout;
    return {
      city: 'Huế',
      clock: { now, scale: this.scale, simulated: true },
      incidents: [...this.incidents.values()].filter((i) => isRetained(i, now)).map(cloneIncident),
      alerts: this.alerts.map((a) => ({ ...a, location: { ...a.location } })),
      cameras: this.cameras.map((c) => ({ ...c, location: { ...c.location } })),
      kpis: this.indicators.map((k) => k.current() as Kpi),
      lamps: {
        count: l.count,
        lon: Array.from(l.lon),
        lat: Array.from(l.lat),
        cabinet: Array.from(l.cabinet),
        state: Array.from(this.lighting.state),
        level: Array.from(this.lighting.level),
        watts: Array.from(l.watts),
        cabinets: this.lighting.cabinetEntries(),
      },
    };
  }

  adoptOverrides(cabinets: LampColumns['cabinets']): number {
    return this.lighting.adoptOverrides(cabinets);
  }

  controlCabinet(cmd: CabinetCommand, by: string): ControlResult {
    return this.lighting.control(cmd, by);
  }

  powerHistory(spanMs: number): [number, number][] {
    return this.lighting.power.window(this.clock - spanMs, this.clock);
  }

  drain(): CityEvent[] {
    const events = this.out;
    if (this.lampSlot >= 0) {
      const batch = this.lighting.takeLampChanges();
      if (batch) events[this.lampSlot] = { type: 'light.states', data: batch };
      else events.splice(this.lampSlot, 1);
      this.lampSlot = -1;
    }
    this.out = [];
    return events;
  }

  private emit(event: CityEvent): void {
    if (this.emitting) this.out.push(event);
  }

  private prune(): void {
    this.lastPrune = this.clock;
    for (const [id, incident] of this.incidents) {
      if (!isRetained(incident, this.clock)) this.incidents.delete(id);
    }
  }

  // Incidents ---------------------------------------------------------------------------------------

  private startIncidents(from: number): void {
    const process = reportArrivals();
    const rng = this.rng.incidents;
    const spots = this.cameras.filter((c) => !c.gateway).map((c) => c.location);
    const arrive = (t: number): void => {
      this.report(t, spots);
      this.agenda.at(process.next(rng, t), () => arrive(this.clock));
    };
    this.agenda.at(process.next(rng, from), () => arrive(this.clock));
  }

  private report(t: number, cameraSpots: { lon: number; lat: number }[]): void {
    const year = new Date(t + UTC_OFFSET_MS).getUTCFullYear();
    const id = `PA-${year}-${String(++this.incidentCount).padStart(5, '0')}`;
    const report = makeIncident(this.rng.incidents, { id, at: t, cameraSpots });
    const at = new Date(t).toISOString();
    this.incidents.set(id, {
      ...report,
      location: { ...report.location },
      ...(report.reporter ? { reporter: { ...report.reporter } } : {}),
      reportedAt: at,
      status: 'received',
      updatedAt: at,
      history: [{ status: 'received', by: report.source, at }],
    });
    this.emit({ type: 'incident.reported', data: report });
    const steps = planLifecycle(this.rng.lifecycle, report, t, this.lastIdByCategory.get(report.category));
    this.lastIdByCategory.set(report.category, id);
    for (const step of steps) this.agenda.at(step.at, () => this.moveIncident(id, step));
  }

  adopt(incidents: readonly Incident[]): number {
    // How far along the handling a status is: a step at or before an incident's own is behind it.
    const rank: Record<string, number> = {
      received: 0,
      assigned: 1,
      in_progress: 2,
      resolved: 3,
      rejected: 3,
    };
    let taken = 0;
    for (const inc of incidents) {
      const at = rank[inc.status] ?? 3;
      if (at >= 3 || this.incidents.has(inc.id)) continue;
      this.incidents.set(inc.id, cloneIncident(inc));
      // Its plan as if reported now's way, the steps it has not reached yet; those already due are
      // spread over the next city hour rather than all taken at once.
      const reportedAt = Date.parse(inc.reportedAt);
      const steps = planLifecycle(
        this.rng.lifecycle,
        inc,
        Number.isFinite(reportedAt) ? reportedAt : this.clock,
      );
      let after = this.clock;
      for (const step of steps) {
        if ((rank[step.status] ?? 0) <= at) continue;
        const when = Math.max(step.at, after + this.rng.lifecycle.range(1, 60) * MINUTE_MS);
        after = when;
        this.agenda.at(when, () => this.moveIncident(inc.id, { ...step, at: when }));
      }
      taken++;
    }
    return taken;
  }

  private moveIncident(id: string, step: LifecycleStep): void {
    const incident = this.incidents.get(id);
    if (!incident) return;
    const at = new Date(step.at).toISOString();
    const change = {
      status: step.status,
      by: step.by,
      at,
      ...(step.department !== undefined ? { department: step.department } : {}),
      ...(step.note !== undefined ? { note: step.note } : {}),
    };
    incident.status = step.status;
    incident.updatedAt = at;
    if (step.department !== undefined) incident.department = step.department;
    incident.history.push(change);
    this.emit({ type: 'incident.updated', data: { id, ...change } });
  }

  // Cameras and alerts ------------------------------------------------------------------------------

  private startAlerts(from: number): void {
    const process = new DailyProcess(ALERT_PROFILE, ALERTS_PER_DAY / DAY_MS);
    const rng = this.rng.alerts;
    const fire = (): void => {
      this.raiseAlert(rng);
      this.agenda.at(process.next(rng, this.clock), fire);
    };
    this.agenda.at(process.next(rng, from), fire);
  }

  private raiseAlert(rng: Rng): void {
    const online = this.cameras.filter((c) => c.online);
    if (online.length === 0) return;
    const camera = rng.pick(online);
    const [kinds, weights] = ALERT_KINDS_BY_CAMERA[camera.kind];
    const kind = kinds[rng.weighted(weights)] ?? 'crowd';
    const [lo, hi] = kind === 'plate-hit' ? [0.8, 0.99] : kind === 'face-match' ? [0.6, 0.99] : [0.5, 0.95];
    const alert: CameraAlert = {
      id: `AL-${String(++this.alertCount).padStart(6, '0')}`,
      cameraId: camera.id,
      kind,
      confidence: Math.round(rng.range(lo, hi) * 100) / 100,
      at: new Date(this.clock).toISOString(),
      location: { ...camera.location },
    };
    if (kind === 'face-match') alert.subject = fakeName(rng);
    if (kind === 'plate-hit' || (kind === 'traffic-violation' && rng.chance(0.7)))
      alert.plate = fakePlate(rng);
    this.alerts.push(alert);
    if (this.alerts.length > MAX_ALERTS) this.alerts.shift();
    this.emit({ type: 'camera.alert', data: { ...alert, location: { ...alert.location } } });
  }

  private scheduleCameraFailure(camera: Camera, from: number): void {
    const rng = this.rng.cameraStatus;
    this.agenda.at(Math.round(from + rng.exp(CAMERA_UPTIME_MEAN_MS)), () => {
      camera.online = false;
      this.emit({ type: 'camera.status', data: { id: camera.id, online: false } });
      const back = Math.round(this.clock + Math.max(10 * MINUTE_MS, rng.exp(CAMERA_OUTAGE_MEAN_MS)));
      this.agenda.at(back, () => {
        camera.online = true;
        this.emit({ type: 'camera.status', data: { id: camera.id, online: true } });
        this.scheduleCameraFailure(camera, this.clock);
      });
    });
  }

  // KPIs and heartbeats ----------------------------------------------------------------------------

  kpiHistory(cityNow: number): KpiSample[] {
    return kpiHistory(cityNow, streamRng(this.seed, STREAMS.kpiHistory));
  }

  reportHistory(): ReportRecord[] {
    const rng = streamRng(this.seed, STREAMS.reportHistory);
    const from = monthsBefore(this.start, REPORT_HISTORY_MONTHS);
    return [...reportHistory(rng, from, this.start - WARMUP_MS), ...this.warmUpFinished];
  }

  private scheduleKpi(track: LiveIndicator, from: number): void {
    const rng = this.rng.kpis;
    this.agenda.at(Math.round(from + rng.range(KPI_STEP_MIN_MS, KPI_STEP_MAX_MS)), () => {
      for (const update of track.step(rng, this.clock)) this.emitKpi(update);
      this.scheduleKpi(track, this.clock);
    });
  }

  private scheduleHeartbeat(system: KpiSystem, from: number): void {
    // Systems beat out of step with each other, as independent producers do.
    this.nextBeat.set(system, Math.round(from + this.rng.heartbeats.range(0, this.beatEvery)));
  }

  /**
   * The heartbeats due by `until`, one per system: its latest. A heartbeat says a system is alive now,
   * so a step that spans several beats (a test's simulated year, a slow tick) sends only the last one;
   * beats are counted, not put on the agenda, which at ×1 would hold millions of them a year.
   */
  private beatUntil(until: number): void {
    for (const [system, next] of this.nextBeat) {
      if (next > until) continue;
      const last = next + Math.floor((until - next) / this.beatEvery) * this.beatEvery;
      this.emit({ type: 'system.heartbeat', data: { system, at: new Date(last).toISOString() } });
      this.nextBeat.set(system, last + this.beatEvery);
    }
  }

  private emitKpi(update: Kpi): void {
    this.emit({ type: 'kpi.updated', data: update });
  }
}

function cloneIncident(i: Incident): Incident {
  return {
    ...i,
    location: { ...i.location },
    ...(i.reporter ? { reporter: { ...i.reporter } } : {}),
    history: i.history.map((h) => ({ ...h })),
  };
}

export function createCitySim(opts: CitySimOptions): CitySim {
  return new HueCity(opts);
}
