import { LAMP_DIMMED, LAMP_FAULT, LAMP_ON } from '../../shared/protocol/codes';

/**
 * A lamp's colour, RGBA: warm white when on, amber that fades with the dim level, red on fault, a faint
 * grey when off. Written into `out` at `offset`, so that a whole column of colours needs no allocation.
 */
export function writeLampColor(state: number, level: number, out: Uint8Array, offset: number): void {
  if (state === LAMP_ON) {
    out[offset] = 253;
    out[offset + 1] = 230;
    out[offset + 2] = 138;
    out[offset + 3] = 190;
  } else if (state === LAMP_DIMMED) {
    const k = 0.45 + (0.55 * Math.min(100, Math.max(0, level))) / 100;
    out[offset] = Math.round(245 * k);
    out[offset + 1] = Math.round(158 * k);
    out[offset + 2] = Math.round(11 * k);
    out[offset + 3] = 190;
  } else if (state === LAMP_FAULT) {
    out[offset] = 244;
    out[offset + 1] = 63;
    out[offset + 2] = 94;
    out[offset + 3] = 255;
  } else {
    out[offset] = 71;
    out[offset + 1] = 85;
    out[offset + 2] = 105;
    out[offset + 3] = 110;
  }
}
