import {
  classifyLamps,
  cabinetCommands,
  faultsPerCabinet,
  faultTallyOf,
  isDaylight,
  type FaultColumns,
  type LampFaultKind,
} from '../src/shared/lights/faults';
import { HUE, type Place } from '../src/shared/lights/sun';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../src/shared/protocol/codes';
import type { CabinetStatus, LampColumns } from '../src/shared/protocol/events';

/** One row of `GET /api/lights/cabinets`: a cabinet, its control status and its lamps by state. */
export interface CabinetSummary {
  id: string;
  ward: string;
  group: string | null;
  lampCount: number;
  /** `auto` (its schedule) or an operator's `on`, `off`, `dim`; null when the hub does not control it */
  mode: CabinetStatus['mode'] | null;
  level: number | null;
  online: boolean | null;
  override: CabinetStatus['override'] | null;
  on: number;
  dimmed: number;
  off: number;
  /** lamps in state LAMP_FAULT (the same number as `faults['lamp-failure']`) */
  fault: number;
  /**
   * Lamps with a fault, by kind (src/shared/lights/faults.ts): the one rule the wall uses, so the
   * API and the screens count the same lamps. Only `lamp-failure` is counted for a cabinet that is
   * offline or not controlled by the hub: what its lamps should be doing is unknown.
   */
  faults: Record<LampFaultKind, number>;
}

/**
 * Every cabinet with its lamps counted by state and by fault, in inventory order. Two passes over the
 * lamp columns (50,000 lamps: about a millisecond). `now` is city time: whether the sun is up at
 * `place` decides if a lamp lit against its cabinet's `off` is burning by day or missed the switch.
 * `withNames` false leaves out who set an override: visitors see the lighting, not the staff.
 */
export function cabinetSummaries(
  lamps: Pick<LampColumns, 'count' | 'cabinet' | 'cabinets'> & FaultColumns,
  now: number,
  withNames = true,
  place: Place = HUE,
): CabinetSummary[] {
  const judged = classifyLamps(lamps, cabinetCommands(lamps.cabinets), isDaylight(place, now));
  const perCabinet = faultsPerCabinet(judged, lamps.cabinet, lamps.cabinets.length);
  const rows: CabinetSummary[] = lamps.cabinets.map((c, index) => ({
    id: c.id,
    ward: c.ward,
    group: c.group ?? null,
    lampCount: 0,
    mode: c.status?.mode ?? null,
    level: c.status?.level ?? null,
    online: c.status?.online ?? null,
    override: c.status?.override
      ? withNames
        ? { ...c.status.override }
        : { ...c.status.override, by: '' }
      : null,
    on: 0,
    dimmed: 0,
    off: 0,
    fault: 0,
    faults: faultTallyOf(perCabinet, index),
  }));
  for (let i = 0; i < lamps.count; i++) {
    const row = rows[lamps.cabinet[i]!];
    if (!row) continue;
    row.lampCount++;
    const s = lamps.state[i];
    if (s === LAMP_ON) row.on++;
    else if (s === LAMP_DIMMED) row.dimmed++;
    else if (s === LAMP_OFF) row.off++;
    else if (s === LAMP_FAULT) row.fault++;
  }
  return rows;
}
