import type { ClientNats } from '@nestjs/microservices';
import { CameraAccess, type Principal } from '@gt-vision/backend-auth';
import { NatsSubjects, type CameraAccessSnapshot } from '@gt-vision/shared-types';
import { BehaviorSubject } from 'rxjs';
import { CameraAccessLoader, CameraAccessSync } from './camera-access.sync';

type Callback = (error: Error | null) => void;

class FakeNatsClient {
  readonly status = new BehaviorSubject('disconnected');
  readonly subscriptions: { subject: string; callback: Callback; queue?: string }[] = [];

  unwrap() {
    return {
      subscribe: (subject: string, options: { callback: Callback; queue?: string }) => {
        this.subscriptions.push({ subject, ...options });
        return {};
      },
    };
  }
}

/** The registry's answers, one revision at a time; each load waits until `release`. */
class ScriptedLoader extends CameraAccessLoader {
  revision = 1;
  loads = 0;
  private pending: (() => void)[] = [];

  load(): Promise<CameraAccessSnapshot> {
    this.loads++;
    const revision = this.revision;
    return new Promise((resolve) =>
      this.pending.push(() =>
        resolve({
          version: 1,
          revision,
          roles: {},
          users: { u: { all: false, cameraIds: [revision] } },
        }),
      ),
    );
  }

  release(): void {
    this.pending.splice(0).forEach((resolve) => resolve());
  }
}

const viewer: Principal = {
  kind: 'user',
  id: 'u',
  username: 'u',
  role: 'viewer',
  tokenId: 't',
  family: 'f',
};
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('CameraAccessSync', () => {
  it('loads at start, listens to every change without a queue group, and reloads on each', async () => {
    const client = new FakeNatsClient();
    const loader = new ScriptedLoader();
    const access = new CameraAccess();
    const sync = new CameraAccessSync(client as unknown as ClientNats, loader, access);
    sync.onApplicationBootstrap();
    loader.release();
    await flush();
    expect(access.allows(viewer, 1)).toBe(true);

    client.status.next('connected');
    expect(client.subscriptions.map((sub) => [sub.subject, sub.queue])).toEqual([
      [NatsSubjects.cameraAccessChanged, undefined],
    ]);
    loader.release();
    await flush();

    loader.revision = 2;
    client.subscriptions[0].callback(null);
    loader.release();
    await flush();
    expect(access.allows(viewer, 1)).toBe(false);
    expect(access.allows(viewer, 2)).toBe(true);
    sync.onApplicationShutdown();
  });

  it('loads once more after a change heard during a load, so that none is missed', async () => {
    const loader = new ScriptedLoader();
    const access = new CameraAccess();
    const sync = new CameraAccessSync(
      new FakeNatsClient() as unknown as ClientNats,
      loader,
      access,
    );
    const first = sync.refresh();
    loader.revision = 2;
    const second = sync.refresh();
    const third = sync.refresh();
    loader.release();
    await flush();
    loader.release();
    await Promise.all([first, second, third]);
    expect(loader.loads).toBe(2);
    expect(access.revision).toBe(2);
  });

  it('keeps the permissions it has when a load fails', async () => {
    const access = new CameraAccess();
    access.apply({ version: 1, revision: 5, roles: {}, users: {} });
    const failing = new (class extends CameraAccessLoader {
      load = () => Promise.reject(new Error('camera-access.get: no reply within 3000 ms'));
    })();
    const sync = new CameraAccessSync(
      new FakeNatsClient() as unknown as ClientNats,
      failing,
      access,
    );
    await sync.refresh();
    expect(access.revision).toBe(5);
  });
});
