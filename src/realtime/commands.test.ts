import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../shared/protocol/events';
import { createCommandSender, randomId, type EmitCommand } from './commands';

/** A fake socket: records what was emitted, answers when told, drops the connection when told. */
function fakeSocket() {
  const sent: { command: Command; ack: (answer: unknown) => void }[] = [];
  const dropListeners = new Set<() => void>();
  const emit: EmitCommand = (command, ack) => sent.push({ command, ack });
  return {
    sent,
    emit,
    onDisconnect: (listener: () => void) => {
      dropListeners.add(listener);
      return () => dropListeners.delete(listener);
    },
    drop: () => dropListeners.forEach((l) => l()),
    listeners: () => dropListeners.size,
  };
}

let ids = 0;
const newId = () => `id-${++ids}`;

describe('createCommandSender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits { id, type, data } and resolves with the hub answer', async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, { newId });
    const pending = send('incident.assign', { incidentId: 'i1', department: 'water' });
    expect(socket.sent).toHaveLength(1);
    const { command, ack } = socket.sent[0]!;
    expect(command).toEqual({
      id: expect.stringMatching(/^id-\d+$/) as unknown as string,
      type: 'incident.assign',
      data: { incidentId: 'i1', department: 'water' },
    });
    ack({ ok: true });
    await expect(pending).resolves.toEqual({ ok: true });
  });

  it("passes a lights.set answer's lamp counts through, and leaves out malformed ones", async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, { newId });
    const dim = send('lights.set', { cabinetId: 'CAB-1', mode: 'dim', level: 40 });
    const lights = { cabinetId: 'CAB-1', lamps: 51, took: 49, noResponse: 2 };
    socket.sent[0]!.ack({ ok: true, lights, extra: 'ignored' });
    await expect(dim).resolves.toEqual({ ok: true, lights });
    const odd = send('lights.set', { cabinetId: 'CAB-1', mode: 'on' });
    socket.sent[1]!.ack({ ok: true, lights: { cabinetId: 'CAB-1', lamps: -1, took: 'all' } });
    await expect(odd).resolves.toEqual({ ok: true });
  });

  it('gives every command its own id', () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit);
    void send('incident.start', { incidentId: 'i1' });
    void send('incident.start', { incidentId: 'i1' });
    const [a, b] = socket.sent.map((s) => s.command.id);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('passes a refusal through and turns a malformed answer into one', async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, { newId });
    const refused = send('incident.resolve', { incidentId: 'i1', note: 'xong' });
    socket.sent[0]!.ack({ ok: false, error: 'illegal transition: incident.resolve from received', x: 1 });
    await expect(refused).resolves.toEqual({
      ok: false,
      error: 'illegal transition: incident.resolve from received',
    });
    const odd = send('incident.start', { incidentId: 'i1' });
    socket.sent[1]!.ack('yes');
    await expect(odd).resolves.toEqual({ ok: false, error: 'bad answer from hub' });
  });

  it('resolves { ok: false, error: "timeout" } when no answer comes in time, and ignores a late one', async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, {
      newId,
      timeoutMs: 8000,
      onDisconnect: socket.onDisconnect,
    });
    let result: unknown;
    void send('incident.start', { incidentId: 'i1' }).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(7999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual({ ok: false, error: 'timeout' });
    socket.sent[0]!.ack({ ok: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toEqual({ ok: false, error: 'timeout' });
    expect(socket.listeners()).toBe(0);
  });

  it('sends the same id once more after a dropped connection, and no more than once', async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, {
      newId,
      timeoutMs: 8000,
      onDisconnect: socket.onDisconnect,
    });
    const pending = send('incident.reject', { incidentId: 'i1', reason: 'trùng' });
    await vi.advanceTimersByTimeAsync(5000);
    socket.drop();
    expect(socket.sent).toHaveLength(2);
    expect(socket.sent[1]!.command).toEqual(socket.sent[0]!.command);
    socket.drop();
    expect(socket.sent).toHaveLength(2);
    // The retry gets a fresh timer: the reconnect may take most of the first attempt's time.
    await vi.advanceTimersByTimeAsync(7000);
    socket.sent[1]!.ack({ ok: true });
    await expect(pending).resolves.toEqual({ ok: true });
    expect(socket.listeners()).toBe(0);
  });

  it('does not retry a command already answered', async () => {
    const socket = fakeSocket();
    const send = createCommandSender(socket.emit, { newId, onDisconnect: socket.onDisconnect });
    const pending = send('incident.acknowledge', { incidentId: 'i1' });
    socket.sent[0]!.ack({ ok: true });
    await pending;
    socket.drop();
    expect(socket.sent).toHaveLength(1);
  });
});

describe('randomId', () => {
  it('makes v4 UUIDs without randomUUID too (plain http on a LAN)', () => {
    const spy = vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new Error('not in an insecure context');
    });
    vi.stubGlobal('isSecureContext', false);
    try {
      const seen = new Set(Array.from({ length: 100 }, () => randomId()));
      expect(seen.size).toBe(100);
      for (const id of seen)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      spy.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
