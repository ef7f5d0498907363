import {
  NatsSubjects,
  type AlertRaisedEvent,
  type AlertResponseDto,
  type DashboardResponseDto,
  type LiveTokenResponseDto,
  type Page,
  type WatchlistEntryResponseDto,
  type WatchlistResponseDto,
} from '@gt-vision/shared-types';
import type { Producer } from 'kafkajs';
import type { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { detectionEvent, detectionProducer, produceDetections, uniquePlate } from './support/kafka';
import { isType, LiveTestClient } from './support/live';
import { connectAsAdmin } from './support/nats';
import { createUser, deleteUser, edgeApi, eventually, sessionOf } from './support/stack';

// A camera id no demo camera has: the overlay subscription below is this test's alone.
const CAMERA = 900_000 + Math.floor(Math.random() * 90_000);

let operator: { id: string; token: string };
let nc: NatsConnection;
let producer: Producer;
let watchlistId: string;
const raised: AlertRaisedEvent[] = [];
const clients: LiveTestClient[] = [];

async function addEntry(plate: string, match: 'exact' | 'ocr' | 'wildcard') {
  const res = await edgeApi<WatchlistEntryResponseDto>(
    'POST',
    `/api/watchlists/${watchlistId}/entries`,
    {
      token: operator.token,
      body: { plate, match, reason: `e2e ${match}`, severity: 'critical' },
    },
  );
  expect(res.status).toBe(201);
  return res.body;
}

/** A live client authenticated by a one-time query token, following CAMERA. */
async function liveClient(): Promise<LiveTestClient> {
  const issued = await edgeApi<LiveTokenResponseDto>('POST', '/api/analytics/live-token', {
    token: operator.token,
  });
  expect(issued.status).toBe(201);
  expect(issued.body.expiresInSeconds).toBeLessThanOrEqual(60);
  const client = new LiveTestClient(`?token=${issued.body.token}`);
  clients.push(client);
  await client.next(isType('ready'));
  client.send({ type: 'subscribe', cameraIds: [CAMERA] });
  return client;
}

const alertsOf = (detectionId: string) => raised.filter((e) => e.alert.detectionId === detectionId);

beforeAll(async () => {
  const user = await createUser('operator', 'alerts');
  operator = { id: user.id, token: (await sessionOf(user.username, user.password)).accessToken };
  nc = await connectAsAdmin('stack-e2e-alerts');
  nc.subscribe(NatsSubjects.alertRaised, {
    callback: (error, msg) => {
      if (!error) raised.push(msg.json<{ data: AlertRaisedEvent }>().data);
    },
  });
  await nc.flush();
  producer = await detectionProducer();
  const created = await edgeApi<WatchlistResponseDto>('POST', '/api/watchlists', {
    token: operator.token,
    body: { name: `e2e alerts ${randomUUID().slice(0, 8)}` },
  });
  watchlistId = created.body.id;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await edgeApi('DELETE', `/api/watchlists/${watchlistId}`, { token: operator.token });
  await producer?.disconnect();
  await nc?.drain();
  await deleteUser(operator.id);
});

describe('watchlist hits → alerts', () => {
  it('raises one alert per detection × entry, on NATS, on the WebSocket and in /api/alerts', async () => {
    const plate = uniquePlate();
    // OCR entry written with look-alikes of the plate; the reading that matches is an alternative.
    const ocrEntry = await addEntry(`${plate}0`.replace(/0$/, 'O'), 'ocr');
    const wildcardEntry = await addEntry(`${plate.slice(0, 4)}*`, 'wildcard');
    const live = await liveClient();

    const detection = detectionEvent({
      cameraId: CAMERA,
      plate: `${plate.slice(0, 4)}XXX`,
      alternatives: [{ plate: `${plate}0`, confidence: 0.4 }],
    });
    await produceDetections(producer, [detection]);

    const events = await eventually(async () => {
      expect(alertsOf(detection.id)).toHaveLength(2);
      return alertsOf(detection.id);
    }, 15_000);
    const byEntry = new Map(events.map((e) => [e.alert.entryId, e.alert]));
    expect(byEntry.get(ocrEntry.id)).toMatchObject({
      plate: `${plate}0`,
      entryPlate: ocrEntry.plate,
      match: 'ocr',
      cameraId: CAMERA,
      severity: 'critical',
      acknowledged: null,
    });
    expect(byEntry.get(wildcardEntry.id)).toMatchObject({
      plate: detection.plate,
      match: 'wildcard',
    });
    for (const event of events) expect(event.eventId).toBe(event.alert.id);

    // The WebSocket: both alerts, and the detection itself for the overlay (subscribed camera).
    for (const event of events) {
      await live.next(
        (m): m is Extract<typeof m, { type: 'alert' }> =>
          m.type === 'alert' && m.alert.id === event.alert.id,
      );
    }
    const overlay = await live.next(
      (m): m is Extract<typeof m, { type: 'detection' }> =>
        m.type === 'detection' && m.detection.id === detection.id,
    );
    expect(overlay.detection).toMatchObject({ cameraId: CAMERA, plate: detection.plate });

    // The API: listed newest first, filterable, and one by one.
    const page = await edgeApi<Page<AlertResponseDto>>('GET', `/api/alerts?cameraId=${CAMERA}`, {
      token: operator.token,
    });
    expect(page.status).toBe(200);
    expect(page.body.items.map((a) => a.id).sort()).toEqual(events.map((e) => e.alert.id).sort());
    const firstPage = await edgeApi<Page<AlertResponseDto>>(
      'GET',
      `/api/alerts?cameraId=${CAMERA}&limit=1&severity=critical&acknowledged=false`,
      { token: operator.token },
    );
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await edgeApi<Page<AlertResponseDto>>(
      'GET',
      `/api/alerts?cameraId=${CAMERA}&limit=1&severity=critical&acknowledged=false&cursor=${firstPage.body.nextCursor}`,
      { token: operator.token },
    );
    expect(secondPage.body.items).toHaveLength(1);
    expect(secondPage.body.items[0].id).not.toBe(firstPage.body.items[0].id);
    expect(firstPage.body.items[0].raisedAt >= secondPage.body.items[0].raisedAt).toBe(true);

    // Acknowledge: who and when, idempotently.
    const alertId = events[0].alert.id;
    const ack = await edgeApi<AlertResponseDto>('POST', `/api/alerts/${alertId}/acknowledge`, {
      token: operator.token,
    });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged?.by).toBe(operator.id);
    const again = await edgeApi<AlertResponseDto>('POST', `/api/alerts/${alertId}/acknowledge`, {
      token: operator.token,
    });
    expect(again.body.acknowledged).toEqual(ack.body.acknowledged);
    const one = await edgeApi<AlertResponseDto>('GET', `/api/alerts/${alertId}`, {
      token: operator.token,
    });
    expect(one.body.acknowledged).toEqual(ack.body.acknowledged);
    const open = await edgeApi<Page<AlertResponseDto>>(
      'GET',
      `/api/alerts?cameraId=${CAMERA}&acknowledged=false`,
      { token: operator.token },
    );
    expect(open.body.items.map((a) => a.id)).not.toContain(alertId);
    expect(
      (await edgeApi('GET', `/api/alerts/${randomUUID()}`, { token: operator.token })).status,
    ).toBe(404);

    // Re-delivery: the same detection again, then a marker behind it on the same camera (one
    // partition, in order). Once the marker's alert is out, the duplicate has been consumed.
    const marker = detectionEvent({ cameraId: CAMERA, plate: `${plate.slice(0, 4)}YYY` });
    await produceDetections(producer, [detection]);
    await produceDetections(producer, [marker]);
    await eventually(async () => expect(alertsOf(marker.id)).toHaveLength(1), 15_000);
    expect(alertsOf(detection.id)).toHaveLength(2);
    const after = await edgeApi<Page<AlertResponseDto>>('GET', `/api/alerts?cameraId=${CAMERA}`, {
      token: operator.token,
    });
    expect(after.body.items.filter((a) => a.detectionId === detection.id)).toHaveLength(2);

    // The dashboard counts them (its answer is cached for a few seconds).
    await eventually(async () => {
      const dashboard = await edgeApi<DashboardResponseDto>('GET', '/api/analytics/dashboard', {
        token: operator.token,
      });
      const counts = dashboard.body.alerts;
      expect(counts?.bySeverity.critical).toBeGreaterThanOrEqual(3);
      expect(counts?.raised).toBe(
        (counts?.bySeverity.info ?? 0) +
          (counts?.bySeverity.warning ?? 0) +
          (counts?.bySeverity.critical ?? 0),
      );
      expect(counts?.unacknowledged).toBeLessThan(counts?.raised ?? 0);
    }, 15_000);
  });

  it('stops matching an entry once it is deleted', async () => {
    const plate = uniquePlate();
    const entry = await addEntry(plate, 'exact');
    const path = `/api/watchlists/${watchlistId}/entries/${entry.id}`;
    expect((await edgeApi('DELETE', path, { token: operator.token })).status).toBe(204);
    const marker = uniquePlate();
    await addEntry(marker, 'exact');
    const gone = detectionEvent({ cameraId: CAMERA, plate });
    const behind = detectionEvent({ cameraId: CAMERA, plate: marker });
    await produceDetections(producer, [gone, behind]);
    await eventually(async () => expect(alertsOf(behind.id)).toHaveLength(1), 15_000);
    expect(alertsOf(gone.id)).toEqual([]);
  });
});
