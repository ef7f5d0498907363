import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { controlServer } from './control-server';
import { plateSchedule } from '@gt-vision/demo-scene';
import { Publisher } from './publisher';
import { PublisherProcess } from './publisher-process';

// Publishers whose clips are not rendered yet: the routes can be exercised without starting the publisher.
describe('controlServer', () => {
  let server: Server;
  let base: string;

  beforeEach(async () => {
    const process = new PublisherProcess('/nonexistent', 'rtsp://127.0.0.1:8554');
    const publishers = new Map([1, 2].map((n) => [n, new Publisher(n, process, plateSchedule(n))]));
    server = controlServer(publishers);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('lists every camera with its state and restart count', async () => {
    const res = await fetch(`${base}/cameras`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toHaveLength(2);
    expect(body[1]).toMatchObject({ camera: 2, path: 'sim_2', state: 'waiting', restarts: 0 });
  });

  it('serves a camera plate schedule', async () => {
    const res = await fetch(`${base}/cameras/2/plates`);
    expect(await res.json()).toEqual(plateSchedule(2));
  });

  it('stops a camera, and refuses to start one whose clip is not rendered', async () => {
    const stopped = await fetch(`${base}/cameras/1/stop`, { method: 'POST' });
    expect(await stopped.json()).toMatchObject({ camera: 1, state: 'stopped' });
    const started = await fetch(`${base}/cameras/1/start`, { method: 'POST' });
    expect(started.status).toBe(409);
  });

  it('refuses to pause or resume a camera that is not publishing', async () => {
    for (const action of ['pause', 'resume']) {
      const res = await fetch(`${base}/cameras/1/${action}`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: `cannot ${action} cam_1: it is waiting` });
    }
  });

  it('answers 404 for unknown cameras or routes and 405 for the wrong method', async () => {
    expect((await fetch(`${base}/cameras/3/stop`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    const wrong = await fetch(`${base}/cameras/1/stop`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
