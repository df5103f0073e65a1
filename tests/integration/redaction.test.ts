import { describe, expect, it } from 'vitest';
import type { CameraAlert, Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { reported, useHarness, type Viewer } from './harness';

const at = new Date().toISOString();
const faceMatch: CameraAlert = {
  id: 'al-face',
  cameraId: 'cam-01',
  kind: 'face-match',
  confidence: 0.93,
  at,
  location: { lon: 107.58, lat: 16.47 },
  subject: 'Trần Thị B',
};
const plateHit: CameraAlert = {
  ...faceMatch,
  id: 'al-plate',
  kind: 'plate-hit',
  subject: undefined,
  plate: '75A-123.45',
};
const piiReport = reported({ id: 'inc-pii', reporter: { name: 'Nguyễn Văn A', phone: '0905123456' } });
const personal = [
  piiReport,
  { type: 'camera.alert', data: faceMatch },
  { type: 'camera.alert', data: plateHit },
];

/** Every personal field the hub could leak, wherever it sits in what a viewer received. */
function leaks(value: unknown): string[] {
  const json = JSON.stringify(value);
  return [
    'Nguyễn Văn A',
    '0905123456',
    'Trần Thị B',
    '75A-123.45',
    '"reporter"',
    '"subject"',
    '"plate"',
  ].filter((s) => json.includes(s));
}

function personalEvents(v: Viewer): StreamEvent[] {
  return v.events.filter((e) => e.type === 'incident.reported' || e.type === 'camera.alert');
}

describe('guest redaction', () => {
  const h = useHarness();

  it('removes reporter, face-match identity and plate from live batches for guests only', async () => {
    const hub = await h.start();
    const guest = await h.connect(hub, { token: 'dev-guest' });
    const operator = await h.connect(hub, { token: 'dev-operator' });
    const leader = await h.connect(hub, { token: 'dev-leader' });
    await h.ingest(hub, personal);
    for (const v of [guest, operator, leader]) await v.untilSeq(3);

    expect(leaks(guest.events)).toEqual([]);
    expect(personalEvents(guest)).toHaveLength(3);
    expect(guest.events[0]?.data).toMatchObject({ id: 'inc-pii', title: piiReport.data.title });
    expect(guest.events[1]?.data).toMatchObject({ id: 'al-face', kind: 'face-match', confidence: 0.93 });
    for (const v of [operator, leader]) {
      expect(leaks(v.events).sort()).toEqual(
        [
          'Nguyễn Văn A',
          '0905123456',
          'Trần Thị B',
          '75A-123.45',
          '"reporter"',
          '"subject"',
          '"plate"',
        ].sort(),
      );
    }
  });

  it('redacts snapshots and replays for guests, not for operators', async () => {
    const hub = await h.start();
    await h.ingest(hub, personal);

    const guestSnap = await h.connect(hub, { token: 'dev-guest' });
    const operatorSnap = await h.connect(hub, { token: 'dev-operator' });
    const guestReplay = await h.connect(hub, { token: 'dev-guest', lastSeq: 0 });
    const operatorReplay = await h.connect(hub, { token: 'dev-operator', lastSeq: 0 });
    for (const v of [guestSnap, operatorSnap, guestReplay, operatorReplay]) await v.untilSeq(3);

    const gs = guestSnap.snapshots[0]!;
    expect(gs.state.incidents).toHaveLength(1);
    expect(gs.state.alerts).toHaveLength(2);
    expect(leaks(gs)).toEqual([]);
    expect(leaks(guestReplay.events)).toEqual([]);
    expect(personalEvents(guestReplay)).toHaveLength(3);

    expect(operatorSnap.snapshots[0]!.state.incidents[0]?.reporter).toEqual({
      name: 'Nguyễn Văn A',
      phone: '0905123456',
    });
    expect(operatorSnap.snapshots[0]!.state.alerts.map((a) => a.subject ?? a.plate)).toEqual([
      'Trần Thị B',
      '75A-123.45',
    ]);
    expect(leaks(operatorReplay.events)).toHaveLength(7);

    // A guest resync gets the redacted answer too.
    const mark = guestSnap.received.length;
    guestSnap.socket.emit('resync', { lastSeq: 0 });
    await guestSnap.until((v) => v.received.length > mark, 'the replay');
    expect(leaks(guestSnap.received.slice(mark))).toEqual([]);
  });

  it('redacts the REST snapshot and event pages for guest tokens', async () => {
    const hub = await h.start();
    await h.ingest(hub, personal);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-guest');
    const page = await h.get<{ events: StreamEvent[] }>(hub, '/api/events?after=0', 'dev-guest');
    expect(snap.status).toBe(200);
    expect(page.body.events).toHaveLength(3);
    expect(leaks(snap.body)).toEqual([]);
    expect(leaks(page.body)).toEqual([]);
    const full = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-leader');
    expect(leaks(full.body)).toHaveLength(7);
  });

  it('serves a staff token that asks for the guest audience as a guest, and never widens a guest', async () => {
    const hub = await h.start();
    await h.ingest(hub, personal);
    const narrowed = await h.connect(hub, { token: 'dev-operator', audience: 'guest' });
    const widened = await h.connect(hub, { token: 'dev-guest', audience: 'leader' });
    for (const v of [narrowed, widened]) await v.untilSeq(3);
    await h.ingest(hub, [
      reported({ id: 'inc-pii-2', reporter: { name: 'Nguyễn Văn A', phone: '0905123456' } }),
    ]);
    for (const v of [narrowed, widened]) await v.untilSeq(4);
    for (const v of [narrowed, widened]) {
      expect(leaks(v.snapshots)).toEqual([]);
      expect(leaks(v.events)).toEqual([]);
    }
  });
});
