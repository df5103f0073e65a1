import { z } from '../zod';
import {
  ALERT_KINDS,
  CAMERA_KINDS,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  LAMP_STATE_COUNT,
  SEVERITIES,
} from './codes';
import type { LightStates } from './lightStates';
import { KPI_PERIODS, KPI_SYSTEMS, KPI_UNITS } from '../city/kpiCatalogue';

export type { LightStates } from './lightStates';

// The stream contract shared by the hub (server/) and the client (src/realtime).
// docs/protocol.md is its prose form; keep both in step.

/**
 * The protocol's version (docs/protocol.md). 2: lamp telemetry travels as one `light.states` batch per
 * hub tick and producer call instead of one `light.state` event per lamp. 3: `kpi.updated` names the
 * period and ward of its value and must be an indicator of the city's catalogue; producers may send
 * `system.heartbeat`.
 */
export const PROTOCOL_VERSION = 3;

/** Bounds of Huế city (the 40 units of 2025), with a little margin. Ingested locations must fall inside. */
export const CITY_BOUNDS = { west: 107.0, south: 16.0, east: 108.2, north: 16.8 } as const;

const isoTime = z.iso.datetime({ offset: true });

export const lonLatSchema = z.object({
  lon: z.number().gte(CITY_BOUNDS.west).lte(CITY_BOUNDS.east),
  lat: z.number().gte(CITY_BOUNDS.south).lte(CITY_BOUNDS.north),
});

export const reporterSchema = z.object({
  name: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
});

/** `incident.reported`: what a producer sends (the ingest table of docs/protocol.md). */
export const incidentReportedSchema = z.object({
  id: z.string().min(1).max(100),
  category: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  location: lonLatSchema,
  ward: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  severity: z.enum(SEVERITIES),
  source: z.enum(INCIDENT_SOURCES),
  reportedAt: isoTime.optional(),
  reporter: reporterSchema.optional(),
});
export type IncidentReported = z.infer<typeof incidentReportedSchema>;

/** `incident.updated`: a status change, with who made it and when. */
export const incidentUpdatedSchema = z.object({
  id: z.string().min(1).max(100),
  status: z.enum(INCIDENT_STATUSES),
  by: z.string().min(1).max(100),
  at: isoTime,
  department: z.string().max(64).optional(),
  note: z.string().max(4000).optional(),
  /** an operator has seen it: silences its alarm; the status does not change */
  acknowledged: z.boolean().optional(),
  /** the command that made this change, when an operator made it */
  commandId: z.string().max(100).optional(),
});
export type IncidentUpdated = z.infer<typeof incidentUpdatedSchema>;

export const cameraSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  site: z.string().min(1).max(200),
  kind: z.enum(CAMERA_KINDS),
  gateway: z.boolean(),
  location: lonLatSchema,
  online: z.boolean(),
});
export type Camera = z.infer<typeof cameraSchema>;

/** `camera.status` */
export const cameraStatusSchema = z.object({ id: z.string().min(1).max(64), online: z.boolean() });
export type CameraStatus = z.infer<typeof cameraStatusSchema>;

/** `camera.alert`. `subject` (face-match identity) and `plate` are personal data: redacted for guests. */
export const cameraAlertSchema = z.object({
  id: z.string().min(1).max(100),
  cameraId: z.string().min(1).max(64),
  kind: z.enum(ALERT_KINDS),
  confidence: z.number().min(0).max(1),
  at: isoTime,
  location: lonLatSchema,
  subject: z.string().max(200).optional(),
  plate: z.string().max(20).optional(),
});
export type CameraAlert = z.infer<typeof cameraAlertSchema>;

/** The period a KPI value is for: its kind, and its first instant in city time (UTC+7) as UTC. */
export const kpiPeriodSchema = z.object({ kind: z.enum(KPI_PERIODS), start: isoTime });
export type KpiPeriod = z.infer<typeof kpiPeriodSchema>;

/**
 * `kpi.updated`: an indicator's value for one period, the city's or one ward's. Without `period` the
 * value is for the indicator's own period containing `at`; the hub checks the rest against the
 * catalogue (src/shared/city/kpiCatalogue.ts).
 */
export const kpiSchema = z.object({
  id: z.string().min(1).max(64),
  value: z.number().finite(),
  unit: z.enum(KPI_UNITS),
  at: isoTime,
  period: kpiPeriodSchema.optional(),
  /** a ward code (HUE_WARDS); absent for the city's value */
  ward: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  /** made up by a simulator, not measured: a briefing says so */
  simulated: z.boolean().optional(),
});
export type Kpi = z.infer<typeof kpiSchema>;

/** A KPI history sample, as the store keeps it and `/api/kpis/{id}/history` returns it. */
export type KpiSample = Omit<Kpi, 'unit' | 'period'> & { period: KpiPeriod };

/**
 * `system.heartbeat`: an upstream system saying it is alive, from a producer that may have nothing
 * else to send for a while. Not a city event: the hub notes it and keeps it out of the log.
 */
export const systemHeartbeatSchema = z.object({ system: z.enum(KPI_SYSTEMS), at: isoTime });
export type SystemHeartbeat = z.infer<typeof systemHeartbeatSchema>;

/** How the hub judges an upstream system from the age of the last data it had from it. */
export const SYSTEM_STATUSES = ['connected', 'late', 'silent'] as const;
export const systemStatusSchema = z.object({
  system: z.enum(KPI_SYSTEMS),
  status: z.enum(SYSTEM_STATUSES),
  /** city time of the last data or heartbeat the hub had from it; null: none since the hub started */
  lastAt: isoTime.nullable(),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

/**
 * The upstream systems' statuses at city time `at`: `GET /api/systems`, and the `systems` message
 * the hub sends its viewers when a status changes (and, less often, as their last data moves on).
 */
export const systemsReportSchema = z.object({ at: isoTime, systems: z.array(systemStatusSchema) });
export type SystemsReport = z.infer<typeof systemsReportSchema>;

/**
 * `light.state` (version 1): one lamp's latest state as a tuple `[lampIndex, state, level]`, state a
 * LAMP_* code, level the dim level 0-100. Producers may still send it; the hub folds it into the
 * call's one `light.states`, and since version 2 never sends it to clients.
 */
export type LightState = [lampIndex: number, state: number, level: number];
export function isLightState(data: unknown, lampCount: number): data is LightState {
  if (!Array.isArray(data) || data.length !== 3) return false;
  const [i, s, l] = data as unknown[];
  return (
    Number.isInteger(i) &&
    (i as number) >= 0 &&
    (i as number) < lampCount &&
    Number.isInteger(s) &&
    (s as number) >= 0 &&
    (s as number) < LAMP_STATE_COUNT &&
    typeof l === 'number' &&
    l >= 0 &&
    l <= 100
  );
}

/** A full incident as held in state (snapshot and client store). */
export const incidentSchema = incidentReportedSchema.extend({
  reportedAt: isoTime,
  status: z.enum(INCIDENT_STATUSES),
  department: z.string().max(64).optional(),
  updatedAt: isoTime,
  history: z.array(incidentUpdatedSchema.omit({ id: true })).max(100),
  acknowledgedAt: isoTime.optional(),
  acknowledgedBy: z.string().max(100).optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

/**
 * What rules a control cabinet (tủ điều khiển): `auto` follows its group's schedule; `on`, `off` and
 * `dim` are an operator's override, which lasts until the schedule's next change.
 */
export const CABINET_MODES = ['auto', 'on', 'off', 'dim'] as const;
export type CabinetMode = (typeof CABINET_MODES)[number];

/** A cabinet's control status: what `cabinet.updated` carries and the snapshot holds per cabinet. */
export const cabinetStatusSchema = z.object({
  id: z.string().min(1).max(100),
  mode: z.enum(CABINET_MODES),
  /** the level the cabinet commands now: 100 on, 0 off, the dim level when dimmed */
  level: z.number().min(0).max(100),
  /** false: the cabinet stopped answering; its lamps' states are the last ones known */
  online: z.boolean(),
  /** an operator's override: who set it, when (city time, epoch ms), and when it ends */
  override: z.object({ by: z.string().max(100), at: z.number(), until: z.number() }).nullable(),
  /**
   * the cabinet's own next scheduled switch (its clock, not just its group's): when, and to what mode
   * and level; null when unknown (offline). Absent from producers that do not know it.
   */
  next: z
    .object({ at: z.number(), mode: z.enum(['on', 'off', 'dim']), level: z.number().min(0).max(100) })
    .nullable()
    .optional(),
});
export type CabinetStatus = z.infer<typeof cabinetStatusSchema>;

/**
 * A cabinet in the lamp inventory. `group` names the lighting schedule it follows; the control status
 * is there when the hub controls lighting (a hub fed by a producer without control has none).
 */
export const cabinetSchema = z.object({
  id: z.string(),
  ward: z.string(),
  group: z.string().max(64).optional(),
  status: cabinetStatusSchema.omit({ id: true }).optional(),
});
export type Cabinet = z.infer<typeof cabinetSchema>;

/**
 * Lamp inventory and state as columns (parallel arrays, one entry per lamp): 20,000+ lamps as
 * objects would be megabytes of JSON.
 */
export const lampColumnsSchema = z
  .object({
    count: z.number().int().min(0).max(500_000),
    lon: z.array(z.number()),
    lat: z.array(z.number()),
    cabinet: z.array(z.number().int().min(0)),
    state: z.array(
      z
        .number()
        .int()
        .min(0)
        .max(LAMP_STATE_COUNT - 1),
    ),
    level: z.array(z.number().min(0).max(100)),
    /** rated power of each lamp at full level, in watts */
    watts: z.array(z.number().min(0)),
    cabinets: z.array(cabinetSchema),
  })
  .refine(
    (c) => [c.lon, c.lat, c.cabinet, c.state, c.level, c.watts].every((col) => col.length === c.count),
    { message: 'every lamp column must hold `count` entries' },
  );
export type LampColumns = z.infer<typeof lampColumnsSchema>;

export const clockSchema = z.object({
  /** city time (epoch ms) when the snapshot was taken */
  now: z.number(),
  /** simulated seconds per real second; 1 for real producers */
  scale: z.number().positive(),
  simulated: z.boolean(),
});
export type CityClock = z.infer<typeof clockSchema>;

export const cityStateSchema = z.object({
  city: z.string(),
  clock: clockSchema,
  incidents: z.array(incidentSchema),
  alerts: z.array(cameraAlertSchema),
  cameras: z.array(cameraSchema),
  kpis: z.array(kpiSchema),
  lamps: lampColumnsSchema,
});
export type CityState = z.infer<typeof cityStateSchema>;

/**
 * The city's lighting power over the last 24 hours, as the hub's meters sampled it: (city time ms,
 * watts) pairs, oldest first, each value holding until the next. A page opened at 22:00 can show
 * the day's energy from midnight and a full 24-hour chart.
 */
export const powerHistorySchema = z.object({
  /** samples are at least this far apart (a minute) */
  spacingMs: z.number().positive(),
  points: z.array(z.tuple([z.number().finite(), z.number().finite().min(0)])).max(10_000),
});
export type PowerHistory = z.infer<typeof powerHistorySchema>;

/**
 * `snapshot` message: `{ seq, state, power? }`: the state as of event `seq`, and the lighting's power
 * history (absent from a hub that keeps none). A client checks `power` on its own, with
 * powerHistorySchema: a bad history is dropped, not the city state that came with it.
 */
export const snapshotSchema = z.object({
  seq: z.number().int().min(0),
  /** the id of the hub's history this seq belongs to (absent from hubs before protocol 2) */
  epoch: z.string().max(100).optional(),
  state: cityStateSchema,
  power: z.unknown().optional(),
  /** the upstream systems as the hub judged them when it took the snapshot (protocol 3) */
  systems: z.array(systemStatusSchema).optional(),
});
export type Snapshot = Omit<z.infer<typeof snapshotSchema>, 'power'> & { power?: PowerHistory };

/**
 * `stream.elided`: an event of `type` that this socket's view does not carry (a briefing is not sent
 * lamps), in its place under the same seq, so that the seqs a client sees stay whole. Nothing to apply.
 */
export const streamElidedSchema = z.object({ type: z.string().min(1).max(64) });
export type StreamElided = z.infer<typeof streamElidedSchema>;

/** Typed data of each event type. Unknown types are dropped and counted by the client. */
export const eventDataSchemas = {
  'incident.reported': incidentReportedSchema,
  'incident.updated': incidentUpdatedSchema,
  'camera.status': cameraStatusSchema,
  'camera.alert': cameraAlertSchema,
  'kpi.updated': kpiSchema,
  'cabinet.updated': cabinetStatusSchema,
  'system.heartbeat': systemHeartbeatSchema,
  'stream.elided': streamElidedSchema,
} as const;

export type CityEvent =
  | { type: 'incident.reported'; data: IncidentReported }
  | { type: 'incident.updated'; data: IncidentUpdated }
  | { type: 'camera.status'; data: CameraStatus }
  | { type: 'camera.alert'; data: CameraAlert }
  | { type: 'kpi.updated'; data: Kpi }
  | { type: 'cabinet.updated'; data: CabinetStatus }
  /** ingest only: the hub never logs nor sends it */
  | { type: 'system.heartbeat'; data: SystemHeartbeat }
  | { type: 'light.states'; data: LightStates }
  /** version 1, from producers; a log written before version 2 may still hold it */
  | { type: 'light.state'; data: LightState }
  /** sent only: a view's placeholder for an event it does not carry; never logged nor ingested */
  | { type: 'stream.elided'; data: StreamElided };

/**
 * An event as sent (the envelope of docs/protocol.md with typed data): `seq` rises by exactly 1 from one
 * event to the next; `ts` is city time (epoch ms).
 */
export type StreamEvent = CityEvent & { seq: number; ts: number };

/** Socket.io message names. */
export const MSG = {
  events: 'events',
  snapshot: 'snapshot',
  resync: 'resync',
  command: 'command',
  session: 'session',
  systems: 'systems',
} as const;

/**
 * `session`, sent once per connection before the snapshot: who the hub takes this client for. The
 * page uses it to offer commands only to operators and to show who is signed in.
 */
export const SESSION_ROLES = ['operator', 'leader', 'guest'] as const;
export const sessionSchema = z.object({
  role: z.enum(SESSION_ROLES),
  name: z.string().max(80),
  /** the hub's history: a client whose lastSeq is of another epoch is sent a snapshot */
  epoch: z.string().max(100).optional(),
});
export type Session = z.infer<typeof sessionSchema>;
export type EventsMessage = { events: StreamEvent[] };

// ---- Commands (operator → hub) ----

/** `command` `{ id, type, data }`; the hub answers through the socket.io acknowledgement. */
export const INCIDENT_COMMAND_TYPES = [
  'incident.acknowledge',
  'incident.assign',
  'incident.start',
  'incident.resolve',
  'incident.reject',
] as const;
export type IncidentCommandType = (typeof INCIDENT_COMMAND_TYPES)[number];
export const COMMAND_TYPES = [...INCIDENT_COMMAND_TYPES, 'lights.set'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

const incidentRef = { incidentId: z.string().min(1).max(100) };
export const commandDataSchemas = {
  'incident.acknowledge': z.object(incidentRef),
  'incident.assign': z.object({ ...incidentRef, department: z.string().min(1).max(64) }),
  'incident.start': z.object(incidentRef),
  'incident.resolve': z.object({ ...incidentRef, note: z.string().trim().min(1).max(4000) }),
  'incident.reject': z.object({ ...incidentRef, reason: z.string().trim().min(1).max(4000) }),
  /** `level` only with `dim` (0-100); `on` is 100, `off` 0, `auto` hands the cabinet back to its schedule */
  'lights.set': z
    .object({
      cabinetId: z.string().min(1).max(100),
      mode: z.enum(CABINET_MODES),
      level: z.number().min(0).max(100).optional(),
    })
    .refine((d) => (d.mode === 'dim') === (d.level !== undefined), {
      message: 'level goes with mode "dim", and only with it',
      path: ['level'],
    }),
} as const;

export const commandSchema = z.object({
  /** the sender's key: a repeated id is the same command, answered the same way */
  id: z.string().min(1).max(100),
  type: z.enum(COMMAND_TYPES),
  data: z.unknown(),
});
export type Command = {
  [T in CommandType]: { id: string; type: T; data: z.infer<(typeof commandDataSchemas)[T]> };
}[CommandType];

export type IncidentCommand = Extract<Command, { type: IncidentCommandType }>;

/** How a cabinet's lamps took a `lights.set`: lamps that did not answer keep their last state. */
export interface LightsOutcome {
  cabinetId: string;
  lamps: number;
  took: number;
  noResponse: number;
}

export type CommandAck = { ok: true; lights?: LightsOutcome } | { ok: false; error: string };
