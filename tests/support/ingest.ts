import type { IncidentReported, LightState, LightStates } from '../../src/shared/protocol/events';

/** One event as a producer sends it to POST /api/ingest. */
export type IngestEvent =
  | { type: 'incident.reported'; data: IncidentReported }
  | { type: 'light.states'; data: LightStates }
  /** protocol version 1's tuple, still accepted on ingest */
  | { type: 'light.state'; data: LightState };

export const PRODUCER_TOKEN = 'dev-producer';

export interface IngestResult {
  status: number;
  seqs: number[];
  /** the body as text when the hub refused the batch */
  error?: string;
}

export async function ingest(
  baseUrl: string,
  events: IngestEvent[],
  token: string = PRODUCER_TOKEN,
): Promise<IngestResult> {
  const res = await fetch(`${baseUrl}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  if (res.status !== 202) return { status: res.status, seqs: [], error: await res.text() };
  const body = (await res.json()) as { seqs?: unknown };
  return { status: res.status, seqs: Array.isArray(body.seqs) ? (body.seqs as number[]) : [] };
}

/** A valid incident near Huế's citadel; tests make `id` and `title` unique so they can find it. */
export function testIncident(
  id: string,
  title: string,
  extra: Partial<IncidentReported> = {},
): IncidentReported {
  return {
    id,
    category: 'road-damage',
    title,
    location: { lon: 107.58, lat: 16.46 },
    severity: 'high',
    source: 'other',
    reportedAt: new Date().toISOString(),
    ...extra,
  };
}
