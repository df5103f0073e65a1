// The simulator's clock arithmetic for Huế (UTC+7 all year). Sunrise and sunset, and the local-day
// helpers, are the shared lighting module's (src/shared/lights/sun.ts): the hub's lamps and the
// wall's schedule display must agree to the minute.
import { HUE, localMsOfDay as msOfDay } from '../../src/shared/lights/sun';

/** Huế keeps UTC+7 all year. */
export const UTC_OFFSET_MS = HUE.utcOffsetHours * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Milliseconds since local midnight in Huế. */
export const localMsOfDay = (t: number): number => msOfDay(t, HUE);
