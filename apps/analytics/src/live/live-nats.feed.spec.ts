import type { ClientNats } from '@nestjs/microservices';
import { CameraAccess } from '@gt-vision/backend-auth';
import type { Msg, NatsConnection, NatsError } from 'nats';
import type { Counter, Gauge } from 'prom-client';
import { BehaviorSubject } from 'rxjs';
import { liveClient, liveUser } from './live-client.fixture';
import { LiveNatsFeed } from './live-nats.feed';
import { LiveHub } from './live.hub';

type Callback = (error: NatsError | null, msg: Msg) => void;

/** A NATS connection that records subscriptions and can deliver to them. */
class FakeConnection {
  readonly subscriptions = new Map<string, { callback: Callback; closed: boolean }>();

  subscribe(subject: string, options: { callback: Callback }) {
    const entry = { callback: options.callback, closed: false };
    this.subscriptions.set(subject, entry);
    return { unsubscribe: () => void (entry.closed = true) };
  }

  open(): string[] {
    return [...this.subscriptions].filter(([, s]) => !s.closed).map(([subject]) => subject);
  }

  deliver(subject: string, data: unknown): void {
    const msg = { subject, json: () => ({ pattern: subject, data }) } as unknown as Msg;
    this.subscriptions.get(subject)?.callback(null, msg);
  }
}

function setup() {
  const connection = new FakeConnection();
  const status = new BehaviorSubject<string>('disconnected');
  const client = {
    status,
    unwrap: () => connection as unknown as NatsConnection,
  } as unknown as ClientNats;
  const gauge = { set: jest.fn() } as unknown as Gauge<string>;
  const counter = { inc: jest.fn() } as unknown as Counter<string>;
  const access = new CameraAccess();
  access.apply({
    version: 1,
    revision: 1,
    roles: { viewer: { all: true, cameraIds: [] } },
    users: {},
  });
  const hub = new LiveHub(gauge, counter, access);
  const feed = new LiveNatsFeed(client, hub);
  const { live: viewer, sent } = liveClient(liveUser('u', 'viewer'));
  hub.add(viewer);
  return { connection, status, hub, feed, viewer, sent };
}

const cameraSubjects = (connection: FakeConnection) =>
  connection.open().filter((subject) => subject.startsWith('live.detections.'));

describe('LiveNatsFeed', () => {
  it('subscribes to the detections of the cameras followed here, once connected, and only those', async () => {
    const { connection, status, hub, feed, viewer, sent } = setup();
    feed.onApplicationBootstrap();
    hub.follow(viewer, [7]); // before the connection: subscribed when it comes
    expect(cameraSubjects(connection)).toEqual([]);

    status.next('connected');
    hub.follow(viewer, [8]);
    expect(cameraSubjects(connection)).toEqual(['live.detections.7', 'live.detections.8']);

    connection.deliver('live.detections.7', {
      version: 1,
      detections: [{ id: 'd7', cameraId: 7 }],
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.map((m) => m.detection?.id)).toEqual(['d7']);

    hub.unfollow(viewer, [7]);
    hub.remove(viewer);
    expect(cameraSubjects(connection)).toEqual([]);
    feed.onApplicationShutdown();
  });

  it('keeps one subscription per camera across reconnects', () => {
    const { connection, status, hub, feed, viewer } = setup();
    feed.onApplicationBootstrap();
    status.next('connected');
    hub.follow(viewer, [3]);
    const first = connection.subscriptions.get('live.detections.3');
    status.next('reconnecting');
    status.next('connected'); // nats.js renews the subscriptions itself
    expect(connection.subscriptions.get('live.detections.3')).toBe(first);
    feed.onApplicationShutdown();
  });
});
