import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { reported, useHarness, waitFor } from './harness';
import { metricValue, scrape } from '../support/metrics';

// How the hub answers bodies it will not take: too large, too slow, unauthorised. The sender runs
// in a child process, as a real producer does: with the hub and the sender on one event loop, the
// sender reads the answer before the hub's close can reach it, and the bug this guards against
// (a reset that destroys the 413 unread, `fetch failed`) never shows.

/**
 * POSTs `mb` MiB to /api/ingest with Node's fetch (undici) from a child process, `times` times in
 * a row, and prints each outcome: the status and the answer's error, or the failure's code.
 * `chunked` sends a stream, so there is no content-length.
 */
const SENDER = `
const [url, token, mb, chunked, times] = process.argv.slice(1);
const size = Number(mb) * 1024 * 1024;
const out = [];
for (let i = 0; i < Number(times); i++) {
  const payload = Buffer.alloc(size, 0x20);
  const init = { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' } };
  if (chunked === 'true') {
    let sent = 0;
    init.duplex = 'half';
    init.body = new ReadableStream({
      pull(c) {
        if (sent >= size) return c.close();
        const n = Math.min(256 * 1024, size - sent);
        sent += n;
        c.enqueue(payload.subarray(0, n));
      },
    });
  } else init.body = payload;
  try {
    const res = await fetch(url + '/api/ingest', init);
    const text = await res.text();
    out.push({ status: res.status, error: JSON.parse(text).error, retryAfter: res.headers.get('retry-after') });
  } catch (err) {
    out.push({ failed: String(err.cause?.code ?? err.cause?.message ?? err) });
  }
}
console.log(JSON.stringify(out));
`;

interface Outcome {
  status?: number;
  error?: string;
  retryAfter?: string | null;
  failed?: string;
}

function sendFromChild(url: string, opts: { mb: number; chunked?: boolean; times?: number; token?: string }) {
  const args = [
    '--input-type=module',
    '-e',
    SENDER,
    url,
    opts.token ?? 'dev-producer',
    String(opts.mb),
    String(opts.chunked ?? false),
    String(opts.times ?? 3),
  ];
  return new Promise<Outcome[]>((resolve, reject) => {
    execFile(process.execPath, args, { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Outcome[]);
    });
  });
}

describe('bodies the hub will not take', () => {
  const h = useHarness();

  it('answers a 6 MB body from Node fetch with a readable 413, with and without content-length', async () => {
    const hub = await h.start();
    const tooLarge = { status: 413, error: 'body too large: the limit is 1048576 bytes', retryAfter: null };
    expect(await sendFromChild(hub.url, { mb: 6 })).toEqual([tooLarge, tooLarge, tooLarge]);
    expect(await sendFromChild(hub.url, { mb: 6, chunked: true })).toEqual([tooLarge, tooLarge, tooLarge]);

    const m = await scrape(hub);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'too-large' })).toBe(6);
    // The hub still takes a valid batch, and it still reaches a viewer.
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    const ok = await h.ingest(hub, [reported({ id: 'after-413' })]);
    expect(ok.status).toBe(202);
    await viewer.until((v) => v.events.some((e) => e.seq === ok.body.seqs![0]), 'the valid report');
  });

  it('answers a wrong token with a readable 401 or 403 even when a large body follows', async () => {
    const hub = await h.start();
    expect(await sendFromChild(hub.url, { mb: 6, token: 'nobody', times: 2 })).toEqual(
      Array(2).fill({ status: 401, error: 'unauthorized', retryAfter: null }),
    );
    const forbidden = await sendFromChild(hub.url, { mb: 6, token: 'dev-guest', times: 1, chunked: true });
    expect(forbidden).toEqual([
      { status: 403, error: 'forbidden: ingest takes a producer token', retryAfter: null },
    ]);
  });

  it('cuts off a sender that never stops, past the bytes it drains after a 413', async () => {
    const hub = await h.start({ maxBodyBytes: 10_000, limits: { lingerBytes: 200_000, lingerMs: 30_000 } });
    const result = await new Promise<{ status: number; sentAfter: number; closed: boolean }>((resolve) => {
      const req = request(`${hub.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-producer', 'transfer-encoding': 'chunked' },
      });
      let status = 0;
      let sent = 0;
      let sentAtAnswer = -1;
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        // Keeps writing whatever the hub answers, as a broken producer would.
        while (!req.destroyed && req.write(chunk)) sent += chunk.length;
        if (!req.destroyed) req.once('drain', pump);
      };
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        sentAtAnswer = sent;
        res.resume();
      });
      req.on('error', () => resolve({ status, sentAfter: sent - sentAtAnswer, closed: true }));
      req.on('close', () => resolve({ status, sentAfter: sent - sentAtAnswer, closed: true }));
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.closed).toBe(true);
    // Cut off after about lingerBytes, give or take what the kernel buffers: not after megabytes.
    expect(result.sentAfter).toBeLessThan(200_000 + 8 * 1024 * 1024);
    expect((await h.ingest(hub, [reported()])).status).toBe(202);
  });

  it('cuts off a slow body (slowloris) after the body timeout with 408', async () => {
    const hub = await h.start({ limits: { bodyTimeoutMs: 300 } });
    const socket = connect(hub.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    socket.write(
      'POST /api/ingest HTTP/1.1\r\nhost: hub\r\nauthorization: Bearer dev-producer\r\n' +
        'content-type: application/json\r\ncontent-length: 1000\r\n\r\n{"events":[',
    );
    // A byte every 50 ms: the body would take 50 s to arrive.
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 50);
    try {
      await closed;
    } finally {
      clearInterval(drip);
    }
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('body too slow: it must arrive within 300 ms');
    const m = await scrape(hub);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'timeout' })).toBe(1);
    expect((await h.ingest(hub, [reported()])).status).toBe(202);
  });

  it('keeps the connection usable after a small over-limit body was drained whole', async () => {
    const hub = await h.start({ maxBodyBytes: 1000 });
    const socket = connect(hub.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    const head = (length: number) =>
      'POST /api/ingest HTTP/1.1\r\nhost: hub\r\nauthorization: Bearer dev-producer\r\n' +
      `content-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;
    socket.write(head(5000) + ' '.repeat(5000));
    const body = JSON.stringify({ events: [reported()] });
    socket.write(head(Buffer.byteLength(body)) + body);
    await waitFor(() => /HTTP\/1\.1 202 /.test(answer), 'the second answer on the same connection');
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    socket.destroy();
  });
});
