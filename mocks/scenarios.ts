import type { SendCommand } from '../src/realtime/commands';
import { LAMP_FAULT } from '../src/shared/protocol/codes';
import type {
  Cabinet,
  CityEvent,
  Command,
  CommandAck,
  CommandType,
  Incident,
  IncidentCommand,
  KpiSample,
  LampColumns,
} from '../src/shared/protocol/events';
import { applyIncidentUpdate, transition } from '../src/shared/protocol/incident';
import type { ReportRecord } from '../src/shared/city/reports';
import { cityKpiHistory, hubApiUnreachable, reportArchive, wardShapes } from './msw/handlers';
import { server } from './msw/node';

// The city's systems as a component test meets them, one scenario per call: what the hub answers to
// the page's commands (they travel over the socket, so the test hands the console the hub's `send`)
// and what the page's HTTP fetches get (through MSW). Read a test's givens as its story.

/** A command as the page sent it. */
export interface SentCommand {
  type: CommandType;
  data: unknown;
}

/** The hub's end of the socket, for a console's `send` prop: it answers and keeps what was sent. */
export interface HubDouble {
  send: SendCommand;
  sent: SentCommand[];
}

/**
 * The hub's refusals as it words them (docs/protocol.md, Commands; the lighting ones are the
 * simulator's lighting control's). `timeout` is the page's own, when no answer came in time.
 */
export const refusal = {
  forbidden: 'forbidden',
  timeout: 'timeout',
  unknownIncident: (id: string) => `unknown incident: ${id}`,
  unknownCabinet: (id: string) => `unknown cabinet: ${id}`,
  cabinetOffline: (id: string) => `cabinet offline: ${id}`,
  noLightingControl: 'no lighting control on this hub',
  storageUnavailable: 'storage unavailable: try again',
} as const;

function hubDouble(answer: (command: Command) => CommandAck): HubDouble {
  const sent: SentCommand[] = [];
  let next = 0;
  const send: SendCommand = (type, data) => {
    sent.push({ type, data });
    // The answer comes back later, as an acknowledgement over the socket does, never in the same tick.
    const command = { id: `cmd-${++next}`, type, data } as Command;
    return Promise.resolve().then(() => answer(command));
  };
  return { send, sent };
}

/** Every command is refused with `error` (see `refusal`), whatever it asks. */
export function givenHubRefusesCommands(error: string): HubDouble {
  return hubDouble(() => ({ ok: false, error }));
}

export interface HubState {
  /** the hub's incidents: they may be ahead of the page's (another operator got there first) */
  incidents?: readonly Incident[];
  /** the lamp inventory: its cabinets are the ones the hub can switch */
  lamps?: LampColumns;
  /** who the hub takes the page's operator for */
  operator?: string;
  /** what the hub publishes when a command changes something, before its answer (as the real one) */
  publish?: (event: CityEvent) => void;
}

/**
 * A hub with state of its own. Incident commands are judged by the shared status machine, as
 * server/stream.ts judges them; `lights.set` switches a cabinet of the inventory, refusing unknown
 * and offline ones, and failed lamps do not answer (as the simulator's lighting control).
 */
export function givenHub(state: HubState): HubDouble {
  const incidents = new Map((state.incidents ?? []).map((i) => [i.id, structuredClone(i)]));
  const by = state.operator ?? 'Điều hành viên 1';
  return hubDouble((command) => {
    if (command.type === 'lights.set') return switchCabinet(state.lamps, command.data.cabinetId);
    const inc = incidents.get(command.data.incidentId);
    if (!inc) return { ok: false, error: refusal.unknownIncident(command.data.incidentId) };
    const result = transition(inc, command as IncidentCommand, by, new Date().toISOString());
    if (!result.ok) return result;
    applyIncidentUpdate(inc, result.update);
    state.publish?.({ type: 'incident.updated', data: result.update });
    return { ok: true };
  });
}

function switchCabinet(lamps: LampColumns | undefined, cabinetId: string): CommandAck {
  if (!lamps) return { ok: false, error: refusal.noLightingControl };
  const index = lamps.cabinets.findIndex((c) => c.id === cabinetId);
  if (index < 0) return { ok: false, error: refusal.unknownCabinet(cabinetId) };
  if (lamps.cabinets[index]!.status?.online === false)
    return { ok: false, error: refusal.cabinetOffline(cabinetId) };
  let total = 0;
  let failed = 0;
  lamps.cabinet.forEach((c, i) => {
    if (c !== index) return;
    total++;
    if (lamps.state[i] === LAMP_FAULT) failed++;
  });
  return { ok: true, lights: { cabinetId, lamps: total, took: total - failed, noResponse: failed } };
}

/**
 * A cabinet that stopped answering the control system, as its inventory entry says it: put it in
 * the lamp inventory that the page and the hub share, and the page shows it offline while the hub
 * refuses to switch it.
 */
export function givenOfflineCabinet(id: string, ward = '19753'): Cabinet {
  return {
    id,
    ward,
    group: 'truc-chinh',
    status: { mode: 'auto', level: 0, online: false, override: null, next: null },
  };
}

/** The page's static ward boundaries are served (the console's mini map draws them). */
export function givenWardShapes(): void {
  server.use(wardShapes);
}

/** The hub keeps these city samples of the indicators' history, and the city's now is `now`. */
export function givenKpiHistory(samples: readonly KpiSample[], now: number): void {
  server.use(cityKpiHistory(samples, now));
}

/**
 * The hub's store holds these citizen reports (the city's past and the incidents it lived through):
 * its report summaries count them. Returns the ranges the page asked about, as they come.
 */
export function givenReportArchive(
  records: readonly ReportRecord[],
): { from: number; to: number; bucket: string }[] {
  const asked: { from: number; to: number; bucket: string }[] = [];
  server.use(reportArchive(records, (q) => asked.push(q)));
  return asked;
}

/** The page's socket may be up, but the hub's HTTP API does not answer (a proxy in between fails). */
export function givenHubApiUnreachable(): void {
  server.use(hubApiUnreachable);
}
