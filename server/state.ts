import { OPEN_STATUSES } from '../src/shared/protocol/codes';
import { isRetained, MAX_ALERTS } from '../src/shared/protocol/retention';
import { applyIncidentUpdate, incidentFromReport } from '../src/shared/protocol/incident';
import { supersedes } from './kpis';
import type {
  CabinetStatus,
  Cabinet,
  CameraAlert,
  CityState,
  Incident,
  IncidentReported,
  IncidentUpdated,
  Kpi,
  LampColumns,
  LightStates,
  StreamEvent,
} from '../src/shared/protocol/events';

// The hub's materialised view of the city: what a snapshot sends. Kept immutable (each apply returns
// a new state, sharing what did not change) so a snapshot handed to a socket can never be changed
// under it, and so a test can compare before and after.

/** Incidents beyond this are evicted, closed ones first: above the 10,000 the console is built to hold, and a bound on the snapshot. */
export const MAX_INCIDENTS = 12_000;

/**
 * The hub's typed copy of the protocol's LampColumns: state and level as typed arrays. A batch of
 * lamp events copies them once (copy on write, below), and 50,000 lamps are then 450 KB of memcpy,
 * not two 50,000-element arrays of numbers (about 1.5 ms each, a fifth of the hub's time at 10,000
 * updates a second).
 */
export interface HubLampColumns extends Omit<LampColumns, 'state' | 'level'> {
  state: Uint8Array;
  level: Float64Array;
}

/** The state as the hub holds it: the protocol's CityState with typed lamp columns. */
export interface HubState extends Omit<CityState, 'lamps'> {
  lamps: HubLampColumns;
}

/** The hub's form of a state; one already in that form is returned as it is. */
export function hubState(state: CityState | HubState): HubState {
  const { lamps } = state;
  if (lamps.state instanceof Uint8Array && lamps.level instanceof Float64Array) return state as HubState;
  return {
    ...state,
    lamps: { ...lamps, state: Uint8Array.from(lamps.state), level: Float64Array.from(lamps.level) },
  };
}

/** The state as a snapshot carries it: plain arrays, which JSON writes as arrays. */
export function wireState(state: HubState): CityState {
  const { lamps } = state;
  return { ...state, lamps: { ...lamps, state: Array.from(lamps.state), level: Array.from(lamps.level) } };
}

export function emptyCityState(city = 'Huế'): CityState {
  return {
    city,
    clock: { now: 0, scale: 1, simulated: false },
    incidents: [],
    alerts: [],
    cameras: [],
    kpis: [],
    lamps: { count: 0, lon: [], lat: [], cabinet: [], state: [], level: [], watts: [], cabinets: [] },
  };
}

/** The highest number in report ids of the form PA-YYYY-NNNNN (the simulator's), 0 when none. */
export function lastIncidentNumber(state: Pick<CityState, 'incidents'>): number {
  let max = 0;
  for (const inc of state.incidents) {
    const m = /^PA-\d{4}-(\d{1,9})$/.exec(inc.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/**
 * Applies events in order. Equivalent to applying them one call each, but copies each touched
 * collection once per call: the lamp columns are 20,000+ entries and a light.states may name every lamp.
 */
export function applyEvents(state: CityState | HubState, events: readonly StreamEvent[]): HubState {
  const base = hubState(state);
  if (events.length === 0) return base;
  const draft = new Draft(base);
  for (const event of events) draft.apply(event);
  return draft.finish();
}

/** Copy-on-write view of one state: each collection is copied the first time an event touches it. */
class Draft {
  private incidents: Incident[] | null = null;
  private incidentIndex: Map<string, number> | null = null;
  private alerts: CameraAlert[] | null = null;
  private cameras: HubState['cameras'] | null = null;
  private kpis: Kpi[] | null = null;
  private lampState: Uint8Array | null = null;
  private lampLevel: Float64Array | null = null;
  private cabinets: Cabinet[] | null = null;
  private cabinetIndex: Map<string, number> | null = null;
  private latestTs = -Infinity;

  constructor(private readonly base: HubState) {}

  apply(event: StreamEvent): void {
    if (event.ts > this.latestTs) this.latestTs = event.ts;
    switch (event.type) {
      case 'light.states':
        return this.lights(event.data);
      // Version 1's tuple: a log written before version 2 may hold it.
      case 'light.state':
        return this.light(event.data[0], event.data[1], event.data[2]);
      case 'incident.reported':
        return this.reported(event.data, event.ts);
      case 'incident.updated':
        return this.updated(event.data);
      case 'camera.alert':
        return this.alert(event.data);
      case 'camera.status':
        return this.cameraStatus(event.data.id, event.data.online);
      case 'kpi.updated':
        return this.kpi(event.data);
      case 'cabinet.updated':
        return this.cabinet(event.data);
    }
  }

  finish(): HubState {
    const b = this.base;
    let incidents = this.incidents ?? b.incidents;
    // Retention (the shared rule) is checked only when incidents changed: lamp batches must stay cheap.
    if (this.incidents) incidents = dropStale(incidents, this.latestTs);
    if (incidents.length > MAX_INCIDENTS) incidents = evictIncidents(incidents, MAX_INCIDENTS);
    const alerts = this.alerts ?? b.alerts;
    return {
      ...b,
      incidents,
      alerts: alerts.length > MAX_ALERTS ? alerts.slice(alerts.length - MAX_ALERTS) : alerts,
      cameras: this.cameras ?? b.cameras,
      kpis: this.kpis ?? b.kpis,
      lamps:
        this.lampState || this.lampLevel || this.cabinets
          ? {
              ...b.lamps,
              state: this.lampState ?? b.lamps.state,
              level: this.lampLevel ?? b.lamps.level,
              cabinets: this.cabinets ?? b.lamps.cabinets,
            }
          : b.lamps,
    };
  }

  private light(index: number, state: number, level: number): void {
    // Out-of-range lamps are refused at ingest; this guard keeps a direct caller from growing the columns.
    if (index < 0 || index >= this.base.lamps.count) return;
    this.lampState ??= this.base.lamps.state.slice();
    this.lampLevel ??= this.base.lamps.level.slice();
    this.lampState[index] = state;
    this.lampLevel[index] = level;
  }

  /** A batch straight into the typed columns: one copy of each per apply, then a loop of stores. */
  private lights({ i, s, l }: LightStates): void {
    const count = this.base.lamps.count;
    const state = (this.lampState ??= this.base.lamps.state.slice());
    const level = (this.lampLevel ??= this.base.lamps.level.slice());
    for (let k = 0; k < i.length; k++) {
      const index = i[k]!;
      // Validation refuses lamps outside the inventory; this guard keeps a direct caller from growing the columns.
      if (!(index >= 0 && index < count)) continue;
      state[index] = s[k]!;
      level[index] = l[k]!;
    }
  }

  /** Validation has checked the id; an unknown one is ignored here all the same. */
  private cabinet({ id, ...status }: CabinetStatus): void {
    if (!this.cabinets || !this.cabinetIndex) {
      this.cabinets = this.base.lamps.cabinets.slice();
      this.cabinetIndex = new Map(this.cabinets.map((c, i) => [c.id, i]));
    }
    const i = this.cabinetIndex.get(id);
    if (i === undefined) return;
    this.cabinets[i] = { ...this.cabinets[i]!, status };
  }

  private ensureIncidents(): { list: Incident[]; index: Map<string, number> } {
    if (!this.incidents || !this.incidentIndex) {
      this.incidents = this.base.incidents.slice();
      this.incidentIndex = new Map(this.incidents.map((inc, i) => [inc.id, i]));
    }
    return { list: this.incidents, index: this.incidentIndex };
  }

  private reported(data: IncidentReported, ts: number): void {
    const { list, index } = this.ensureIncidents();
    // The first report of an id wins: a producer retrying a request must not create a second incident.
    if (index.has(data.id)) return;
    index.set(data.id, list.length);
    list.push(incidentFromReport(data, ts));
  }

  private updated(data: IncidentUpdated): void {
    const { list, index } = this.ensureIncidents();
    const i = index.get(data.id);
    const current = i === undefined ? undefined : list[i];
    if (i === undefined || !current) return;
    // Copy before changing: a snapshot already handed to a socket may still hold the old object.
    const next = { ...current, history: current.history.slice() };
    applyIncidentUpdate(next, data);
    list[i] = next;
  }

  private alert(data: CameraAlert): void {
    this.alerts ??= this.base.alerts.slice();
    const same = this.alerts.findIndex((a) => a.id === data.id);
    if (same >= 0) this.alerts.splice(same, 1);
    this.alerts.push(data);
  }

  private cameraStatus(id: string, online: boolean): void {
    const list = (this.cameras ??= this.base.cameras.slice());
    const i = list.findIndex((c) => c.id === id);
    const cam = list[i];
    if (cam && cam.online !== online) list[i] = { ...cam, online };
  }

  /**
   * The state holds each indicator's city value for its latest period: a ward's value, or a late one
   * for a period before it, goes to the history only (the store, /api/kpis).
   */
  private kpi(data: Kpi): void {
    if (data.ward !== undefined) return;
    const list = (this.kpis ??= this.base.kpis.slice());
    const i = list.findIndex((k) => k.id === data.id);
    const held = list[i];
    if (!held) list.push(data);
    else if (supersedes(data, held)) list[i] = data;
  }
}

function dropStale(list: Incident[], now: number): Incident[] {
  const kept = list.filter((inc) => isRetained(inc, now));
  return kept.length === list.length ? list : kept;
}

/** Drops the oldest finished incidents first, then (only if still over) the oldest open ones. */
function evictIncidents(list: Incident[], max: number): Incident[] {
  const excess = list.length - max;
  const finished = list.filter((inc) => !OPEN_STATUSES.has(inc.status)).length;
  let finishedToDrop = Math.min(excess, finished);
  let openToDrop = excess - finishedToDrop;
  const kept: Incident[] = [];
  for (const inc of list) {
    const open = OPEN_STATUSES.has(inc.status);
    if (!open && finishedToDrop > 0) finishedToDrop--;
    else if (open && openToDrop > 0) openToDrop--;
    else kept.push(inc);
  }
  return kept;
}
