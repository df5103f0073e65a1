import { describe, expect, it } from 'vitest';
import { animationStepMs, BLINK_MS, blinkOn, PULSE_STEP_MS, pulsePhase } from './animation';
import { MAP_DATA_REDRAW_MS } from './redrawBudget';

describe('map animation', () => {
  it('ticks at the pulse step only while pulses show, else at the blink, no faster than the redraw budget', () => {
    expect(animationStepMs(true)).toBe(PULSE_STEP_MS);
    expect(animationStepMs(false)).toBe(BLINK_MS);
    expect(BLINK_MS).toBeGreaterThanOrEqual(MAP_DATA_REDRAW_MS);
  });

  it('blinks BLINK_MS on and BLINK_MS off at either step', () => {
    for (const step of [PULSE_STEP_MS, BLINK_MS]) {
      const at = (ms: number) => blinkOn(Math.floor(ms / step), step);
      expect([0, BLINK_MS - 1, BLINK_MS, 2 * BLINK_MS - 1, 2 * BLINK_MS].map(at)).toEqual([
        true,
        true,
        false,
        false,
        true,
      ]);
    }
  });

  it('runs a pulse through its beat and starts it again', () => {
    expect(pulsePhase(0)).toBe(0);
    expect(pulsePhase(6)).toBe(0.5);
    expect(pulsePhase(12)).toBe(0);
  });
});
