import { LAMP_STATE_COUNT } from '../src/shared/protocol/codes';
import { eventDataSchemas, isLightState, type CityEvent } from '../src/shared/protocol/events';
import { lightStatesProblem, type LightStates } from '../src/shared/protocol/lightStates';
import { inCatalogueUnit, kpiProblems } from './kpis';

// One gate for every producer (the simulator each tick, real systems through /api/ingest): nothing
// reaches the log, the state or a client without passing here.

export interface Issue {
  /** position of the event in the batch; absent when the body itself is wrong */
  index?: number;
  /** dotted path from the body root, e.g. `events.0.data.title` */
  path: string;
  message: string;
}

/** What validation needs to know about the hub's current state. */
export interface ValidationContext {
  lampCount: number;
  isKnownIncident(id: string): boolean;
  isKnownCamera(id: string): boolean;
  isKnownCabinet(id: string): boolean;
}

export const MAX_BATCH_EVENTS = 10_000;
/** An error body names at most this many problems; a 10,000-event batch of garbage stays a small answer. */
export const MAX_ISSUES = 100;

export type BatchResult =
  { ok: true; events: CityEvent[] } | { ok: false; issues: Issue[]; issueCount: number };

/**
 * Checks a whole ingest body `{ events: [{ type, data }] }`. All or nothing: one bad event refuses
 * the batch, and every bad field is named so a producer can fix them in one round.
 */
export function validateBatch(body: unknown, ctx: ValidationContext): BatchResult {
  if (!isRecord(body) || !Array.isArray(body.events)) {
    return refuse([{ path: 'events', message: 'expected a JSON object { "events": [{ "type", "data" }] }' }]);
  }
  const raw = body.events;
  if (raw.length === 0 || raw.length > MAX_BATCH_EVENTS) {
    return refuse([
      { path: 'events', message: `expected 1 to ${MAX_BATCH_EVENTS} events, got ${raw.length}` },
    ]);
  }
  const issues: Issue[] = [];
  const events: CityEvent[] = [];
  const reportedHere = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const event = validateEvent(raw[i], i, ctx, reportedHere, issues);
    if (event) events.push(event);
  }
  return issues.length === 0 ? { ok: true, events } : refuse(issues);
}

function refuse(issues: Issue[]): BatchResult {
  return { ok: false, issues: issues.slice(0, MAX_ISSUES), issueCount: issues.length };
}

/**
 * Checks one `{ type, data }`. Returns the event with its data as parsed (unknown keys stripped), or
 * null after pushing the reasons onto `issues`. `reportedHere` lets a batch report an incident and
 * update it in one go.
 */
export function validateEvent(
  raw: unknown,
  index: number,
  ctx: ValidationContext,
  reportedHere: Set<string>,
  issues: Issue[],
): CityEvent | null {
  const at = `events.${index}`;
  if (!isRecord(raw)) {
    issues.push({ index, path: at, message: 'expected an object { "type", "data" }' });
    return null;
  }
  const { type, data } = raw;
  // The hot path first: lamp telemetry arrives by the thousand and needs no schema machinery.
  if (type === 'light.states') {
    const problem = lightStatesProblem(data, ctx.lampCount);
    if (!problem) {
      // Only the three columns go on: unknown keys are dropped, as for every other type.
      const { i, s, l } = data as LightStates;
      return { type, data: { i, s, l } };
    }
    issues.push({
      index,
      path: problem.path ? `${at}.data.${problem.path}` : `${at}.data`,
      message: problem.message,
    });
    return null;
  }
  if (type === 'light.state') {
    if (isLightState(data, ctx.lampCount)) return { type, data: [data[0], data[1], data[2]] };
    issues.push({ index, ...lightStateProblem(data, ctx.lampCount, `${at}.data`) });
    return null;
  }
  // `stream.elided` is the hub's own placeholder in what it sends a view: no producer may log one.
  if (typeof type !== 'string' || !Object.hasOwn(eventDataSchemas, type) || type === 'stream.elided') {
    const shown = typeof type === 'string' ? `"${type.slice(0, 64)}"` : String(typeof type);
    issues.push({ index, path: `${at}.type`, message: `unknown event type ${shown}` });
    return null;
  }
  const parsed = eventDataSchemas[type as keyof typeof eventDataSchemas].safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = [at, 'data', ...issue.path.map(String)].join('.');
      issues.push({ index, path, message: issue.message });
    }
    return null;
  }
  const badText = badTextPath(parsed.data);
  if (badText) {
    issues.push({
      index,
      path: [at, 'data', ...badText].join('.'),
      message:
        'text must not hold control characters (other than tab and line breaks) or unpaired surrogates',
    });
    return null;
  }
  let event = { type, data: parsed.data } as CityEvent;
  if (event.type === 'kpi.updated') {
    // An indicator outside the catalogue has no target, unit or period to show it against.
    const problems = kpiProblems(event.data);
    for (const p of problems) issues.push({ index, path: `${at}.data.${p.path}`, message: p.message });
    if (problems.length > 0) return null;
    event = { type: event.type, data: inCatalogueUnit(event.data) };
  }
  // Updates must name something the state holds: an update to nothing cannot be shown or replayed.
  if (
    event.type === 'incident.updated' &&
    !reportedHere.has(event.data.id) &&
    !ctx.isKnownIncident(event.data.id)
  ) {
    issues.push({ index, path: `${at}.data.id`, message: 'no incident with this id' });
    return null;
  }
  if (event.type === 'cabinet.updated' && !ctx.isKnownCabinet(event.data.id)) {
    issues.push({ index, path: `${at}.data.id`, message: 'no cabinet with this id' });
    return null;
  }
  if (event.type === 'camera.status' && !ctx.isKnownCamera(event.data.id)) {
    issues.push({ index, path: `${at}.data.id`, message: 'no camera with this id' });
    return null;
  }
  if (event.type === 'incident.reported') reportedHere.add(event.data.id);
  return event;
}

/**
 * C0 controls other than tab, LF and CR, DEL, and UTF-16 halves without their pair. Text from
 * producers is shown on walls, exported to CSV and written to logs: a NUL or an escape sequence
 * there is never a citizen's report, and a lone surrogate is not text at all.
 */
const BAD_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` (parsed data: a few levels deep) that is not clean text. */
function badTextPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = badTextPath(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

function lightStateProblem(data: unknown, lampCount: number, path: string): Omit<Issue, 'index'> {
  if (!Array.isArray(data) || data.length !== 3) {
    return { path, message: 'expected a tuple [lampIndex, state, level]' };
  }
  const [i, s] = data as unknown[];
  if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= lampCount) {
    const range =
      lampCount > 0 ? `an integer from 0 to ${lampCount - 1}` : 'a known lamp (this hub has none)';
    return { path: `${path}.0`, message: `lamp index must be ${range}` };
  }
  if (!Number.isInteger(s) || (s as number) < 0 || (s as number) >= LAMP_STATE_COUNT) {
    return { path: `${path}.1`, message: `lamp state must be an integer from 0 to ${LAMP_STATE_COUNT - 1}` };
  }
  return { path: `${path}.2`, message: 'dim level must be a number from 0 to 100' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
