// The city's public lighting as the control system sees it: cabinets (tủ điều khiển) that switch
// their lamps on their group's schedule, an operator's override until the schedule's next change,
// lamps that fail or do not answer a command, and cabinets that drop off the network for a while.
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../src/shared/protocol/codes';
import type {
  CabinetMode,
  CabinetStatus,
  CityEvent,
  LampColumns,
  LightsOutcome,
  LightStates,
} from '../../src/shared/protocol/events';
import { LightStatesBuilder } from '../../src/shared/protocol/lightStates';
import { lampDrawW, PowerSeries } from '../../src/shared/lights/energy';
import { HUE, type Place } from '../../src/shared/lights/sun';
import {
  HUE_SCHEDULES,
  nextChange,
  overrideUntil,
  settingAt,
  type LightingSchedule,
  type Setting,
} from '../../src/shared/lights/schedule';
import type { LampLayout } from './lamps';
import type { Agenda } from './queue';
import type { Rng } from './rng';
import { DAY_MS, HOUR_MS } from './sun';

/** Share of lamps per day that fail (a lamp failure, state LAMP_FAULT). */
export const LAMP_FAULTS_PER_DAY = 0.002;
const LAMP_REPAIR_MEAN_MS = 36 * HOUR_MS;
/** A working lamp misses a switching command this often (the power-line signal did not reach it). */
export const NO_RESPONSE_SHARE = 0.03;
/** At a scheduled switch, far fewer miss: the cabinet repeats its schedule command. */
const SCHEDULE_MISS_SHARE = 0.002;
/** Each cabinet drops off the network about once in this many days, for 1 to 6 hours. */
const CABINET_OUTAGE_EVERY_DAYS = 120;

export type CabinetCommand = { cabinetId: string; mode: CabinetMode; level?: number };
export type ControlResult = { ok: true; outcome: LightsOutcome } | { ok: false; error: string };

interface CabinetRuntime {
  schedule: LightingSchedule;
  mode: CabinetMode;
  setting: Setting;
  online: boolean;
  override: { by: string; at: number; until: number } | null;
}

interface Deps {
  layout: LampLayout;
  agenda: Agenda;
  rng: Rng;
  now(): number;
  emit(event: CityEvent): void;
  /** a lamp changed: its state waits in takeLampChanges() (one batch per step, not an event per lamp) */
  lampChanged(): void;
  place?: Place;
}

/** What a cabinet commanded to `mode` sets its lamps to; `level` is a dim one's. */
const settingOf = (mode: Exclude<CabinetMode, 'auto'>, level: number): Setting =>
  mode === 'on'
    ? { mode: 'on', level: 100 }
    : mode === 'off'
      ? { mode: 'off', level: 0 }
      : { mode: 'dim', level };

const lampStateOf = (s: Setting): number =>
  s.mode === 'on' ? LAMP_ON : s.mode === 'dim' ? LAMP_DIMMED : LAMP_OFF;

const SCHEDULES = new Map(HUE_SCHEDULES.map((s) => [s.id, s]));

export class Lighting {
  readonly state: Uint8Array;
  readonly level: Uint8Array;
  private readonly cabinets: CabinetRuntime[];
  private readonly index = new Map<string, number>();
  private readonly place: Place;
  /** the lamps' draw now, in watts, kept up to date lamp by lamp */
  private drawW = 0;
  /**
   * What the lamps drew, a sample a minute: the history a lighting system's meters would hold. The
   * silent warm-up fills it, so the wall's 24-hour chart has a past from the first snapshot.
   */
  readonly power = new PowerSeries();
  /** lamps changed since the last takeLampChanges(), the latest state of each */
  private readonly changes: LightStatesBuilder;

  constructor(private readonly d: Deps) {
    const { layout } = d;
    this.place = d.place ?? HUE;
    this.state = new Uint8Array(layout.count);
    this.level = new Uint8Array(layout.count);
    this.changes = new LightStatesBuilder(layout.count);
    this.cabinets = layout.cabinets.map((cab, c) => {
      this.index.set(cab.id, c);
      const schedule = SCHEDULES.get(cab.group) ?? HUE_SCHEDULES[0]!;
      return { schedule, mode: 'auto', setting: { mode: 'off', level: 0 }, online: true, override: null };
    });
  }

  /** Lamps as the schedules have them at `from`; from then on the agenda switches them. */
  start(from: number): void {
    const { layout } = this.d;
    layout.cabinets.forEach((cab, c) => {
      const rt = this.cabinets[c]!;
      rt.setting = settingAt(rt.schedule, this.place, from - cab.offsetMs);
      this.state.fill(lampStateOf(rt.setting), cab.start, cab.end);
      this.level.fill(rt.setting.level, cab.start, cab.end);
      this.scheduleSwitch(c, nextChange(rt.schedule, this.place, from - cab.offsetMs).at);
      this.scheduleOutage(c, from);
    });
    this.drawW = 0;
    for (let i = 0; i < layout.count; i++)
      this.drawW += lampDrawW(this.state[i]!, this.level[i]!, layout.watts[i]!);
    this.power.add(from, this.drawW);
    if (layout.count > 0) this.scheduleLampFault(from);
  }

  /** The lamps' draw now, in watts. */
  private get powerW(): number {
    return Math.max(0, Math.round(this.drawW));
  }

  /** The lamps changed since the last call, as one `light.states` (latest wins), or null if none. */
  takeLampChanges(): LightStates | null {
    return this.changes.take();
  }

  /** Each cabinet's control status, in inventory order. */
  statuses(): Omit<CabinetStatus, 'id'>[] {
    return this.cabinets.map((_rt, c) => this.statusOf(c));
  }

  /** The inventory entries of the snapshot: id, ward, schedule group and control status. */
  cabinetEntries(): LampColumns['cabinets'] {
    return this.d.layout.cabinets.map((cab, c) => ({
      id: cab.id,
      ward: cab.ward,
      group: cab.group,
      status: this.statusOf(c),
    }));
  }

  /**
   * An operator's `lights.set`. `auto` hands the cabinet back to its schedule at once; `on`, `off`
   * and `dim` override it until the schedule's next change. Lamps that have failed or miss the
   * signal keep their state and are counted as not responding.
   */
  control(cmd: CabinetCommand, by: string): ControlResult {
    const c = this.index.get(cmd.cabinetId);
    if (c === undefined) return { ok: false, error: `unknown cabinet: ${cmd.cabinetId}` };
    const rt = this.cabinets[c]!;
    const cab = this.d.layout.cabinets[c]!;
    if (!rt.online) return { ok: false, error: `cabinet offline: ${cmd.cabinetId}` };
    const now = this.d.now();
    if (cmd.mode === 'auto') {
      rt.override = null;
      rt.mode = 'auto';
      rt.setting = settingAt(rt.schedule, this.place, now - cab.offsetMs);
    } else {
      // The shared rule (schedule.ts), on the cabinet's own clock, which runs offsetMs late.
      const until = overrideUntil(rt.schedule, this.place, now - cab.offsetMs) + cab.offsetMs;
      rt.override = { by, at: now, until };
      rt.mode = cmd.mode;
      rt.setting = settingOf(cmd.mode, cmd.level ?? 50);
    }
    const { took, noResponse } = this.switchLamps(c, NO_RESPONSE_SHARE);
    this.emitStatus(c);
    return {
      ok: true,
      outcome: { cabinetId: cab.id, lamps: cab.end - cab.start, took, noResponse },
    };
  }

  /**
   * After a restart: the operators' overrides that the stored cabinets still hold, with their lamps
   * set to them, so that a restart does not undo what an operator switched. Returns how many.
   */
  adoptOverrides(cabinets: readonly { id: string; status?: Omit<CabinetStatus, 'id'> }[]): number {
    const now = this.d.now();
    let adopted = 0;
    for (const { id, status } of cabinets) {
      const c = this.index.get(id);
      if (c === undefined || !status?.override || status.mode === 'auto' || status.override.until <= now)
        continue;
      const rt = this.cabinets[c]!;
      rt.override = { ...status.override };
      rt.mode = status.mode;
      rt.setting = settingOf(status.mode, status.level);
      // The lamps took it before the restart: none misses it now.
      if (rt.online) this.switchLamps(c, 0);
      this.emitStatus(c);
      adopted++;
    }
    return adopted;
  }

  /** Sets the cabinet's lamps to its setting; returns how many did and did not take it. */
  private switchLamps(c: number, missShare: number): { took: number; noResponse: number } {
    const cab = this.d.layout.cabinets[c]!;
    const { setting } = this.cabinets[c]!;
    const state = lampStateOf(setting);
    let took = 0;
    let noResponse = 0;
    for (let i = cab.start; i < cab.end; i++) {
      if (this.state[i] === LAMP_FAULT || this.d.rng.next() < missShare) {
        noResponse++;
        continue;
      }
      took++;
      if (this.state[i] !== state || this.level[i] !== setting.level) this.setLamp(i, state, setting.level);
    }
    return { took, noResponse };
  }

  /** The cabinet's own clock runs `offsetMs` late: the city's lamps do not all switch in one instant. */
  private scheduleSwitch(c: number, boundary: number): void {
    const cab = this.d.layout.cabinets[c]!;
    this.d.agenda.at(boundary + cab.offsetMs, () => {
      const rt = this.cabinets[c]!;
      const now = this.d.now();
      // An override lasts until the schedule's next change: this one.
      if (rt.override && rt.override.until <= now) rt.override = null;
      if (!rt.override) {
        rt.mode = 'auto';
        rt.setting = settingAt(rt.schedule, this.place, boundary);
        if (rt.online) this.switchLamps(c, SCHEDULE_MISS_SHARE);
        this.emitStatus(c);
      }
      this.scheduleSwitch(c, nextChange(rt.schedule, this.place, boundary).at);
    });
  }

  private scheduleOutage(c: number, from: number): void {
    const rng = this.d.rng;
    this.d.agenda.at(Math.round(from + rng.exp(CABINET_OUTAGE_EVERY_DAYS * DAY_MS)), () => {
      const rt = this.cabinets[c]!;
      rt.online = false;
      this.emitStatus(c);
      this.d.agenda.at(Math.round(this.d.now() + rng.range(1, 6) * HOUR_MS), () => {
        rt.online = true;
        // Back on the network, it catches up with what it should be doing now.
        if (rt.override && rt.override.until <= this.d.now()) {
          rt.override = null;
          rt.mode = 'auto';
        }
        if (!rt.override) {
          const cab = this.d.layout.cabinets[c]!;
          rt.setting = settingAt(rt.schedule, this.place, this.d.now() - cab.offsetMs);
        }
        this.switchLamps(c, SCHEDULE_MISS_SHARE);
        this.emitStatus(c);
        this.scheduleOutage(c, this.d.now());
      });
    });
  }

  private scheduleLampFault(from: number): void {
    const { rng, layout } = this.d;
    const meanGap = DAY_MS / (layout.count * LAMP_FAULTS_PER_DAY);
    this.d.agenda.at(Math.round(from + rng.exp(meanGap)), () => {
      const i = rng.int(0, layout.count - 1);
      if (this.state[i] !== LAMP_FAULT) {
        this.setLamp(i, LAMP_FAULT, 0);
        const repair = Math.round(this.d.now() + Math.max(3 * HOUR_MS, rng.exp(LAMP_REPAIR_MEAN_MS)));
        this.d.agenda.at(repair, () => {
          const { setting } = this.cabinets[layout.cabinet[i]!]!;
          this.setLamp(i, lampStateOf(setting), setting.level);
        });
      }
      this.scheduleLampFault(this.d.now());
    });
  }

  private statusOf(c: number): Omit<CabinetStatus, 'id'> {
    const rt = this.cabinets[c]!;
    const { offsetMs } = this.d.layout.cabinets[c]!;
    // On the cabinet's own clock, which runs offsetMs late; an offline cabinet's plans are unknown.
    const next = rt.online ? nextChange(rt.schedule, this.place, this.d.now() - offsetMs) : null;
    return {
      mode: rt.mode,
      level: rt.setting.level,
      online: rt.online,
      override: rt.override ? { ...rt.override } : null,
      next: next && { at: next.at + offsetMs, mode: next.setting.mode, level: next.setting.level },
    };
  }

  private emitStatus(c: number): void {
    const id = this.d.layout.cabinets[c]!.id;
    this.d.emit({ type: 'cabinet.updated', data: { id, ...this.statusOf(c) } });
  }

  private setLamp(i: number, state: number, level: number): void {
    const watts = this.d.layout.watts[i]!;
    this.drawW += lampDrawW(state, level, watts) - lampDrawW(this.state[i]!, this.level[i]!, watts);
    this.power.add(this.d.now(), this.powerW);
    this.state[i] = state;
    this.level[i] = level;
    this.changes.set(i, state, level);
    this.d.lampChanged();
  }
}
