import { createHash } from 'node:crypto';
import { MAX_ALERTS } from '../../src/shared/protocol/retention';
import type { CameraAlert, CityState } from '../../src/shared/protocol/events';

// A canonical digest of a city state, so that a page's state and the hub's can be compared after a
// fault without caring how each holds it (the page: Redux slices and typed arrays; the hub: arrays in
// seq order). Each part is digested on its own, so that a mismatch names what differs.

export const CHECKSUM_PARTS = ['incidents', 'alerts', 'cameras', 'kpis', 'cabinets', 'lamps'] as const;
export type ChecksumPart = (typeof CHECKSUM_PARTS)[number];

export interface CityChecksum {
  /** one digest over every part */
  digest: string;
  parts: Record<ChecksumPart, string>;
  /** how many entries each part covered, to make a mismatch readable */
  sizes: Record<ChecksumPart, number>;
}

/**
 * What the checksum covers:
 * - incidents by id, whole (status, department, history, acknowledgement, the report itself);
 * - alerts by id, the newest MAX_ALERTS of them by time: the hub keeps only those, a page more;
 * - cameras by id, whole (online);
 * - kpis by id;
 * - cabinets by id, with their control status;
 * - every lamp's state and level, by lamp index.
 * Not covered: the clock, and the lamp inventory (positions, watts), which never changes after the
 * snapshot and which the page holds as float32.
 */
export function cityChecksum(state: CityState): CityChecksum {
  const lampState = Array.from(state.lamps.state);
  const lampLevel = Array.from(state.lamps.level);
  const content: Record<ChecksumPart, unknown[]> = {
    incidents: byId(state.incidents),
    alerts: byId(newestAlerts(state.alerts, MAX_ALERTS)),
    cameras: byId(state.cameras),
    kpis: byId(state.kpis),
    cabinets: byId(state.lamps.cabinets),
    lamps: lampState.map((s, i) => [s, lampLevel[i]]),
  };
  const parts = {} as Record<ChecksumPart, string>;
  const sizes = {} as Record<ChecksumPart, number>;
  const all = createHash('sha256');
  for (const part of CHECKSUM_PARTS) {
    parts[part] = sha256(canonicalJson(content[part]));
    sizes[part] = content[part].length;
    all.update(`${part}:${parts[part]}\n`);
  }
  return { digest: all.digest('hex'), parts, sizes };
}

/**
 * JSON with object keys sorted and undefined members left out (as JSON.stringify leaves them out), so
 * that two equal values give one text whatever order their keys were set in. Typed arrays are written
 * as arrays.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

function byId<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The newest `n` alerts by their time (then id): the window both the hub and a page hold. */
function newestAlerts(alerts: readonly CameraAlert[], n: number): CameraAlert[] {
  const sorted = [...alerts].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted.slice(Math.max(0, sorted.length - n));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
