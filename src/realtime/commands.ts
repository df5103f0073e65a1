import type { z } from '../shared/zod';
import type {
  Command,
  CommandAck,
  CommandType,
  commandDataSchemas,
  LightsOutcome,
} from '../shared/protocol/events';

/** The data a command of type `T` carries, e.g. `{ incidentId, department }` for `incident.assign`. */
export type CommandData<T extends CommandType> = z.infer<(typeof commandDataSchemas)[T]>;

/** Sends one operator command and resolves with the hub's answer; it never rejects. */
export type SendCommand = <T extends CommandType>(type: T, data: CommandData<T>) => Promise<CommandAck>;

/** Emits `command` on the socket with an acknowledgement callback. */
export type EmitCommand = (command: Command, ack: (answer: unknown) => void) => void;

export interface CommandSenderOptions {
  /**
   * Subscribes to the socket dropping (not to the page closing it); returns an unsubscribe. An answer
   * in flight is lost with the connection, so the command is sent again, under the same id.
   */
  onDisconnect?: (listener: () => void) => () => void;
  /** per attempt; default COMMAND_TIMEOUT_MS */
  timeoutMs?: number;
  newId?: () => string;
}

export const COMMAND_TIMEOUT_MS = 8_000;

/**
 * Makes the `sendCommand` the console calls. Each command gets a fresh id; the hub treats a repeated
 * id as the same command, which is what makes the one retry after a dropped connection safe: if the
 * first attempt was applied, the retry is answered with its result and changes nothing.
 */
export function createCommandSender(emit: EmitCommand, opts: CommandSenderOptions = {}): SendCommand {
  const timeoutMs = opts.timeoutMs ?? COMMAND_TIMEOUT_MS;
  const newId = opts.newId ?? randomId;

  return (type, data) => {
    const command = { id: newId(), type, data } as Command;
    return new Promise<CommandAck>((resolve) => {
      let settled = false;
      let retried = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let unsubscribe: () => void = () => {};

      const settle = (ack: CommandAck) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(ack);
      };
      const attempt = () => {
        clearTimeout(timer);
        timer = setTimeout(() => settle({ ok: false, error: 'timeout' }), timeoutMs);
        emit(command, (answer) => settle(asAck(answer)));
      };

      if (opts.onDisconnect) {
        unsubscribe = opts.onDisconnect(() => {
          if (settled || retried) return;
          retried = true;
          // socket.io buffers an emit made while disconnected and sends it on reconnect.
          attempt();
        });
      }
      attempt();
    });
  };
}

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts, and a wall on the control room's LAN
 * is often plain http; `getRandomValues` works everywhere.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false)
    return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A `lights.set` answer's lamp counts, when the hub sent well-formed ones. */
function lightsOutcome(v: unknown): LightsOutcome | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const count = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (typeof o.cabinetId !== 'string' || !count(o.lamps) || !count(o.took) || !count(o.noResponse))
    return null;
  return {
    cabinetId: o.cabinetId,
    lamps: o.lamps as number,
    took: o.took as number,
    noResponse: o.noResponse as number,
  };
}

/** The hub's answer, or a refusal that says it was not one: the caller always gets a CommandAck. */
function asAck(answer: unknown): CommandAck {
  if (typeof answer === 'object' && answer !== null) {
    const a = answer as { ok?: unknown; error?: unknown; lights?: unknown };
    if (a.ok === true) {
      const lights = lightsOutcome(a.lights);
      return lights ? { ok: true, lights } : { ok: true };
    }
    if (a.ok === false && typeof a.error === 'string') return { ok: false, error: a.error };
  }
  return { ok: false, error: 'bad answer from hub' };
}
