import {
  NatsSubjects,
  type CameraChangedEvent,
  type CameraResponseDto,
} from '@gt-vision/shared-types';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { NATS_URL } from './support/camera-status';
import { adminToken, edge, eventually } from './support/stack';

let nc: NatsConnection;

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return edge(path, {
    method,
    headers: {
      authorization: `Bearer ${await adminToken()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL, name: 'stack-e2e-events' });
});

afterAll(async () => {
  await nc?.drain();
});

describe('camera.changed (through the registry outbox)', () => {
  it('announces each write once it committed, in order, each with its own event id', async () => {
    const seen: CameraChangedEvent[] = [];
    const subscription = nc.subscribe(NatsSubjects.cameraChanged, {
      callback: (error, msg) => {
        if (!error) seen.push(msg.json<{ data: CameraChangedEvent }>().data);
      },
    });
    try {
      await nc.flush();
      const created = await api('POST', '/api/cameras', {
        name: `e2e events ${randomUUID().slice(0, 8)}`,
        sourceUrl: 'rtsp://127.0.0.1:8554/e2e_events',
        enabled: false,
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as CameraResponseDto;
      expect((await api('PATCH', `/api/cameras/${id}`, { tags: ['events'] })).status).toBe(200);
      expect((await api('DELETE', `/api/cameras/${id}`)).status).toBe(204);

      const events = await eventually(async () => {
        const mine = seen.filter((event) => event.cameraId === id);
        expect(mine).toHaveLength(3);
        return mine;
      }, 5000);
      expect(events.map((event) => event.change)).toEqual(['created', 'updated', 'deleted']);
      expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
      for (const event of events) expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      subscription.unsubscribe();
    }
  });
});
