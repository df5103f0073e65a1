import { LAMP_STATE_COUNT } from '../../src/shared/protocol/codes';
import { LightStatesBuilder } from '../../src/shared/protocol/lightStates';
import type { IngestEvent } from '../support/ingest';

// The load generator's logic, kept free of I/O so the pacing can be checked without a clock.

export interface LoadPlan {
  /** all events per second, lamps and incidents together */
  eventsPerSec: number;
  incidentsPerSec: number;
  lamps: number;
}

export interface Sent {
  lights: number;
  incidents: number;
}

/**
 * How many events of each kind are due after `elapsedMs`, given what was already sent. Counting
 * from the start (not per tick) makes a late tick catch up instead of the rate drifting down.
 * `maxBatch` bounds one request when the hub falls far behind; the rest stays due.
 */
export function dueNow(plan: LoadPlan, elapsedMs: number, sent: Sent, maxBatch: number): Sent {
  const incidentRate = Math.min(plan.incidentsPerSec, plan.eventsPerSec);
  const lightRate = plan.eventsPerSec - incidentRate;
  const incidents = Math.max(0, Math.floor((incidentRate * elapsedMs) / 1000) - sent.incidents);
  const lights = Math.max(0, Math.floor((lightRate * elapsedMs) / 1000) - sent.lights);
  const cappedIncidents = Math.min(incidents, maxBatch);
  return { incidents: cappedIncidents, lights: Math.min(lights, maxBatch - cappedIncidents) };
}

/** The next tick on the fixed grid start + k·interval strictly after `now`: ticks never bunch up. */
export function nextTickAt(startMs: number, intervalMs: number, nowMs: number): number {
  const k = Math.floor((nowMs - startMs) / intervalMs) + 1;
  return startMs + Math.max(1, k) * intervalMs;
}

/** mulberry32: small, fast and seeded, so two runs send the same lamp changes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` lamp updates as one `light.states` (protocol version 2), as a lamp controller would send a
 * tick's changes: `count` different random lamps (at most all of them), each with a random state.
 */
export function lightBatch(random: () => number, count: number, lamps: number): IngestEvent[] {
  const n = Math.min(count, lamps);
  if (n <= 0) return [];
  const batch = new LightStatesBuilder(lamps);
  // A lamp drawn twice takes the later state: the batch holds each lamp once, as the protocol asks.
  while (batch.size < n) {
    const state = Math.floor(random() * LAMP_STATE_COUNT);
    const level = Math.round(random() * 100);
    batch.set(Math.floor(random() * lamps), state, level);
  }
  return [{ type: 'light.states', data: batch.take()! }];
}

const BENCH_ID = /^bench-(\d+)-(\d+)$/;

/** The id carries the send time, so a latency needs nothing but the id and the arrival time. */
export function benchIncidentId(sendMs: number, n: number): string {
  return `bench-${sendMs}-${n}`;
}

export function sendTimeOf(id: string): number | undefined {
  const m = BENCH_ID.exec(id);
  return m ? Number(m[1]) : undefined;
}

export function benchIncident(sendMs: number, n: number, random: () => number): IngestEvent {
  const id = benchIncidentId(sendMs, n);
  return {
    type: 'incident.reported',
    data: {
      id,
      category: 'waste',
      title: `Bench ${n}`,
      // around the urban core, so it lands on the map's default view
      location: { lon: 107.56 + random() * 0.06, lat: 16.44 + random() * 0.04 },
      severity: 'low',
      source: 'other',
      reportedAt: new Date(sendMs).toISOString(),
    },
  };
}
