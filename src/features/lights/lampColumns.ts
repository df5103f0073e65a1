import { lampDrawW } from '../../shared/lights/energy';
import { LAMP_STATE_COUNT } from '../../shared/protocol/codes';
import type * as protocol from '../../shared/protocol/events';
import type { LightsSummary } from '../../realtime/streamActions';
import { writeLampColor } from './lampColors';

/**
 * Lamp telemetry, latest value per lamp, in typed arrays outside Redux: tens of thousands of lamps
 * changing thousands of times a second would drown the store. Redux gets a version and counts; the
 * map layer reads these arrays directly.
 */
export class LampColumns {
  count = 0;
  /** lon, lat interleaved: deck.gl takes it as a binary position attribute */
  positions = new Float32Array(0);
  state = new Uint8Array(0);
  level = new Uint8Array(0);
  watts = new Float32Array(0);
  cabinet = new Uint32Array(0);
  /** RGBA per lamp, kept in step with state and level: the map uploads it as it is */
  colors = new Uint8Array(0);
  version = 0;
  private byState: [number, number, number, number] = [0, 0, 0, 0];
  private powerW = 0;

  load(c: protocol.LampColumns): LightsSummary {
    const n = c.count;
    this.count = n;
    this.positions = new Float32Array(n * 2);
    this.state = new Uint8Array(n);
    this.level = new Uint8Array(n);
    this.watts = new Float32Array(n);
    this.cabinet = new Uint32Array(n);
    this.colors = new Uint8Array(n * 4);
    this.byState = [0, 0, 0, 0];
    this.powerW = 0;
    for (let i = 0; i < n; i++) {
      this.positions[i * 2] = c.lon[i]!;
      this.positions[i * 2 + 1] = c.lat[i]!;
      this.cabinet[i] = c.cabinet[i]!;
      this.watts[i] = c.watts[i]!;
      this.state[i] = c.state[i]!;
      this.level[i] = c.level[i]!;
      this.byState[c.state[i]!]! += 1;
      this.powerW += lampDrawW(c.state[i]!, c.level[i]!, c.watts[i]!);
      writeLampColor(c.state[i]!, c.level[i]!, this.colors, i * 4);
    }
    this.version++;
    return this.summary();
  }

  /**
   * The lamps of `geometry` (another page's columns, whose positions, watts and cabinets are shared,
   * never written) with these states and levels: a replay's keyframe beside the live columns.
   */
  loadFrame(
    geometry: LampColumns,
    state: Uint8Array<ArrayBuffer>,
    level: Uint8Array<ArrayBuffer>,
  ): LightsSummary {
    const n = Math.min(geometry.count, state.length, level.length);
    this.count = n;
    this.positions = geometry.positions;
    this.watts = geometry.watts;
    this.cabinet = geometry.cabinet;
    this.state = state;
    this.level = level;
    if (this.colors.length !== n * 4) this.colors = new Uint8Array(n * 4);
    this.byState = [0, 0, 0, 0];
    this.powerW = 0;
    for (let i = 0; i < n; i++) {
      const s = state[i]! < LAMP_STATE_COUNT ? state[i]! : 0;
      this.byState[s]! += 1;
      this.powerW += lampDrawW(s, level[i]!, this.watts[i]!);
      writeLampColor(s, level[i]!, this.colors, i * 4);
    }
    this.version++;
    return this.summary();
  }

  /**
   * Applies `light.states` batches in order, straight into the columns, so that the latest value of
   * each lamp wins. Counts and the draw change incrementally: one version for all of them.
   */
  apply(batches: readonly protocol.LightStates[]): LightsSummary {
    for (const { i: lamps, s: states, l: levels } of batches) {
      for (let k = 0; k < lamps.length; k++) {
        const i = lamps[k]!;
        const s = states[k]!;
        const l = levels[k]!;
        // Validated upstream; the guard keeps a stray entry from writing past the columns.
        if (!(i >= 0 && i < this.count) || !(s >= 0 && s < LAMP_STATE_COUNT)) continue;
        const prevS = this.state[i]!;
        this.byState[prevS]! -= 1;
        this.byState[s]! += 1;
        this.powerW += lampDrawW(s, l, this.watts[i]!) - lampDrawW(prevS, this.level[i]!, this.watts[i]!);
        this.state[i] = s;
        this.level[i] = l;
        writeLampColor(s, l, this.colors, i * 4);
      }
    }
    this.version++;
    return this.summary();
  }

  summary(): LightsSummary {
    return {
      version: this.version,
      count: this.count,
      byState: [...this.byState],
      powerW: Math.max(0, Math.round(this.powerW)),
    };
  }
}
