import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reported, useHarness } from './harness';

// Tokens are credentials: whatever happens, right or wrong, the hub's console (its log) never
// shows one, neither a valid token nor a wrong guess.

const SECRET_TOKENS = {
  'op-Z9qK2m7Xv4': { role: 'operator' as const },
  'prod-W3nH8cT1s': 'producer' as const,
  'guest-R5yU0pL6e': 'guest' as const,
};
const GUESS = 'guess-Q7tB4vN2k';

describe('tokens and the log', () => {
  const h = useHarness();
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it('never writes a token, valid or guessed, whatever the hub is sent', async () => {
    const hub = await h.start({ tokens: SECRET_TOKENS, metricsToken: 'metrics-M1xF6gJ8d' });
    const post = (token: string, body: string) =>
      fetch(`${hub.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
      }).then((r) => r.text());
    await post('prod-W3nH8cT1s', JSON.stringify({ events: [reported()] }));
    await post('prod-W3nH8cT1s', '{"events": [');
    await post('prod-W3nH8cT1s', JSON.stringify({ events: [{ type: 'x' }] }));
    await post(GUESS, JSON.stringify({ events: [reported()] }));
    await post('guest-R5yU0pL6e', 'x'.repeat(2 * 1024 * 1024));
    for (const token of [GUESS, 'metrics-M1xF6gJ8d', 'guest-R5yU0pL6e']) {
      await fetch(`${hub.url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) =>
        r.text(),
      );
    }
    expect(await h.refused(hub, { token: GUESS })).toBe('unauthorized');
    expect(await h.refused(hub, { token: 'prod-W3nH8cT1s' })).toBe('unauthorized');
    const operator = await h.connect(hub, { token: 'op-Z9qK2m7Xv4' });
    await operator.socket
      .timeout(3000)
      .emitWithAck('command', { id: randomUUID(), type: 'nope', data: null });
    (operator.socket.io.engine as unknown as { write(d: string): void }).write('garbage');

    const all = lines.join('\n');
    for (const token of [...Object.keys(SECRET_TOKENS), GUESS, 'metrics-M1xF6gJ8d']) {
      expect(all, token).not.toContain(token);
    }
  });
});
