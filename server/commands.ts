import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { DEPARTMENTS } from '../src/shared/city/profile';
import {
  commandDataSchemas,
  commandSchema,
  type Command,
  type CommandAck,
  type CommandType,
} from '../src/shared/protocol/events';
import type { Identity, Role } from './tokens';

// The operator's side of the hub: who may command, what a well-formed command is, what a repeated
// one gets, and the audit trail. The change itself is the stream's (CityStream.command), so it takes
// the same path as every other event.

/** Command ids remembered for idempotence; a client retries within seconds, this covers days of work. */
export const MAX_REMEMBERED_COMMANDS = 50_000;
/** Audit entries kept in memory, oldest dropped first. */
export const MAX_AUDIT_ENTRIES = 10_000;

export interface AuditEntry {
  /** city time, ISO */
  at: string;
  by: string;
  role: Role;
  /** null when the message carried no usable id */
  commandId: string | null;
  type: string | null;
  incidentId: string | null;
  /** lights.set: the cabinet, the mode and level asked for, and how its lamps took it */
  cabinetId?: string;
  mode?: string;
  level?: number;
  lamps?: { total: number; took: number; noResponse: number };
  ok: boolean;
  error?: string;
  /** a repeat of a command id already answered: it changed nothing and got the first answer again */
  duplicate?: true;
}

export interface CommandDeskDeps {
  /** validates against the current state and commits; see CityStream.command */
  apply(cmd: Command, by: string): CommandAck;
  /** city time, epoch ms */
  now(): number;
  maxRemembered?: number;
  maxAudit?: number;
  /** each audit entry as it is made, with what a retry needs, for the store (server/commit.ts) */
  onRecord?(record: { entry: AuditEntry; fingerprint: string | null; ack: CommandAck | null }): void;
}

interface Remembered {
  ack: CommandAck;
  /** what the id was first used for: a reused id with other content is a client bug, not a retry */
  fingerprint: string;
}

const FORBIDDEN: CommandAck = { ok: false, error: 'forbidden' };
const KNOWN_DEPARTMENTS: ReadonlySet<string> = new Set(DEPARTMENTS);
/** Keeps one error answer small whatever a client sends. */
const MAX_ISSUES_NAMED = 5;

export class CommandDesk {
  private readonly answered = new Map<string, Remembered>();
  private readonly audit: AuditEntry[] = [];
  private readonly maxRemembered: number;
  private readonly maxAudit: number;

  constructor(private readonly deps: CommandDeskDeps) {
    this.maxRemembered = deps.maxRemembered ?? MAX_REMEMBERED_COMMANDS;
    this.maxAudit = deps.maxAudit ?? MAX_AUDIT_ENTRIES;
  }

  /** Answers one `command` message from a socket whose token stands for `who`. */
  handle(msg: unknown, who: Identity): CommandAck {
    const ref = describe(msg);
    let first: { fingerprint: string } | null = null;
    const record = (ack: CommandAck, duplicate = false) => {
      const entry: AuditEntry = {
        at: new Date(this.deps.now()).toISOString(),
        by: who.name,
        role: who.role,
        ...ref,
        ok: ack.ok,
        ...(ack.ok ? {} : { error: ack.error }),
        ...(ack.ok && ack.lights
          ? { lamps: { total: ack.lights.lamps, took: ack.lights.took, noResponse: ack.lights.noResponse } }
          : {}),
        ...(duplicate ? { duplicate: true as const } : {}),
      };
      this.log(entry);
      this.deps.onRecord?.({ entry, fingerprint: first?.fingerprint ?? null, ack: first ? ack : null });
      return ack;
    };

    if (who.role !== 'operator') return record(FORBIDDEN);
    const envelope = commandSchema.safeParse(msg);
    if (!envelope.success) return record({ ok: false, error: invalid(envelope.error, []) });
    const { id, type } = envelope.data;

    const fingerprint = fingerprintOf(type, envelope.data.data);
    const seen = this.answered.get(id);
    if (seen) {
      const ack: CommandAck =
        seen.fingerprint === fingerprint
          ? seen.ack
          : { ok: false, error: `command id already used for another command: ${id}` };
      return record(ack, true);
    }

    const ack = this.execute(id, type, envelope.data.data, who.name);
    this.remember(id, { ack, fingerprint });
    first = { fingerprint };
    return record(ack);
  }

  /** The audit trail and first answers as the store kept them (a restart). */
  restore(
    entries: readonly AuditEntry[],
    answers: readonly { commandId: string; fingerprint: string; ack: CommandAck }[],
  ): void {
    for (const entry of entries) this.log(entry);
    for (const a of answers) this.remember(a.commandId, { ack: a.ack, fingerprint: a.fingerprint });
  }

  /** Forgets entries whose batch could not be stored: those commands never happened. */
  forget(entries: readonly AuditEntry[]): void {
    const gone = new Set(entries);
    for (const e of entries) if (!e.duplicate && e.commandId) this.answered.delete(e.commandId);
    const kept = this.audit.filter((e) => !gone.has(e));
    this.audit.length = 0;
    this.audit.push(...kept);
  }

  /** The newest `limit` audit entries, oldest first; only those about an incident or a cabinet when given. */
  entries(limit = this.maxAudit, about: { incidentId?: string; cabinetId?: string } = {}): AuditEntry[] {
    const { incidentId, cabinetId } = about;
    const pool =
      incidentId === undefined && cabinetId === undefined
        ? this.audit
        : this.audit.filter(
            (e) =>
              (incidentId === undefined || e.incidentId === incidentId) &&
              (cabinetId === undefined || e.cabinetId === cabinetId),
          );
    const n = Math.max(0, Math.min(limit, this.maxAudit));
    return pool.slice(Math.max(0, pool.length - n));
  }

  /** Entries held, at most MAX_AUDIT_ENTRIES. */
  get auditSize(): number {
    return Math.min(this.audit.length, this.maxAudit);
  }

  private execute(id: string, type: CommandType, rawData: unknown, by: string): CommandAck {
    const data = commandDataSchemas[type].safeParse(rawData);
    if (!data.success) return { ok: false, error: invalid(data.error, ['data']) };
    const cmd = { id, type, data: data.data } as Command;
    if (cmd.type === 'incident.assign' && !KNOWN_DEPARTMENTS.has(cmd.data.department)) {
      return { ok: false, error: `unknown department: ${cmd.data.department}` };
    }
    return this.deps.apply(cmd, by);
  }

  private remember(id: string, entry: Remembered): void {
    this.answered.set(id, entry);
    if (this.answered.size > this.maxRemembered) {
      const oldest = this.answered.keys().next();
      if (!oldest.done) this.answered.delete(oldest.value);
    }
  }

  private log(entry: AuditEntry): void {
    this.audit.push(entry);
    // Dropping in blocks keeps a full log from shifting 10,000 entries on every command.
    if (this.audit.length > this.maxAudit * 1.1) this.audit.splice(0, this.audit.length - this.maxAudit);
  }
}

/** `invalid: data.department: Invalid input: ...`: the bad fields by path, so a client can fix them. */
function invalid(error: z.ZodError, prefix: string[]): string {
  const named = error.issues.slice(0, MAX_ISSUES_NAMED).map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - named.length;
  return `invalid: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** What the audit can say about a message, however malformed: only short strings are kept. */
function describe(
  msg: unknown,
): Pick<AuditEntry, 'commandId' | 'type' | 'incidentId' | 'cabinetId' | 'mode' | 'level'> {
  const rec = isRecord(msg) ? msg : {};
  const data = isRecord(rec.data) ? rec.data : {};
  const cabinetId = shortString(data.cabinetId, 100);
  const mode = shortString(data.mode, 16);
  return {
    commandId: shortString(rec.id, 100),
    type: shortString(rec.type, 64),
    incidentId: shortString(data.incidentId, 100),
    ...(cabinetId === null ? {} : { cabinetId }),
    ...(mode === null ? {} : { mode }),
    ...(typeof data.level === 'number' && Number.isFinite(data.level) ? { level: data.level } : {}),
  };
}

/** A digest rather than the data: 50,000 remembered resolve notes would be megabytes. */
function fingerprintOf(type: string, data: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(data) ?? '';
  } catch {
    // Socket.io payloads are JSON already; this only guards a direct caller passing a cycle.
    json = '?';
  }
  return createHash('sha256').update(type).update('\0').update(json).digest('base64');
}

function shortString(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
