import { MAP_DATA_REDRAW_MS } from './redrawBudget';

/** A pulse grows in steps this far apart (twelve to a beat), only while pulses are on screen. */
export const PULSE_STEP_MS = 100;
/** Steps to one beat of a pulse. */
export const PULSE_STEPS = 12;
/**
 * A flashing camera is on this long, then off as long: as far apart as live data may redraw the map.
 * Faster blinks would be seen through the redraw budget at random, and a wall with only cameras
 * blinking (at the overview, say) then re-renders the map five times less often than at the pulse's step.
 */
export const BLINK_MS = MAP_DATA_REDRAW_MS;

/** How often the map's animation ticks: at the pulse's step while pulses show, else at the blink's. */
export function animationStepMs(pulsesShown: boolean): number {
  return pulsesShown ? PULSE_STEP_MS : BLINK_MS;
}

/** Where a pulse is in its beat, 0 to 1, after `tick` steps. */
export function pulsePhase(tick: number): number {
  return (tick % PULSE_STEPS) / PULSE_STEPS;
}

/** Whether a flashing camera is lit after `tick` steps of `stepMs`: BLINK_MS on, BLINK_MS off. */
export function blinkOn(tick: number, stepMs: number): boolean {
  return Math.floor((tick * stepMs) / BLINK_MS) % 2 === 0;
}
