import { CameraAccess } from '@gt-vision/backend-auth';
import type {
  AlertResponseDto,
  CameraStatusChangedEvent,
  DetectionResponseDto,
} from '@gt-vision/shared-types';
import type { Counter, Gauge } from 'prom-client';
import { liveClient as client, liveUser as user } from './live-client.fixture';
import { LiveHub } from './live.hub';

describe('LiveHub', () => {
  const gauge = { set: jest.fn() } as unknown as Gauge<string>;
  const counter = { inc: jest.fn() } as unknown as Counter<string>;

  it('sends a camera’s detections, alerts and status only to clients granted that camera', () => {
    const access = new CameraAccess();
    access.apply({
      version: 1,
      revision: 1,
      roles: { viewer: { all: true, cameraIds: [] } },
      users: { narrow: { all: false, cameraIds: [1] } },
    });
    const hub = new LiveHub(gauge, counter, access);
    const narrow = client(user('narrow', 'viewer'));
    const wide = client(user('wide', 'viewer'));
    const admin = client(user('root', 'admin'));
    [narrow, wide, admin].forEach(({ live }) => hub.add(live));
    hub.follow(narrow.live, [1, 2]);
    hub.follow(wide.live, [1, 2]);
    hub.follow(admin.live, [2]);

    hub.detections([{ id: 'd1', cameraId: 1 } as DetectionResponseDto]);
    hub.detections([{ id: 'd2', cameraId: 2 } as DetectionResponseDto]);
    hub.alert({ id: 'a2', cameraId: 2 } as AlertResponseDto);
    hub.cameraStatus({ cameraId: 2 } as CameraStatusChangedEvent);

    expect(narrow.sent.map((m) => m.type)).toEqual(['detection']);
    expect(wide.sent.map((m) => m.type)).toEqual([
      'detection',
      'detection',
      'alert',
      'camera-status',
    ]);
    expect(admin.sent.map((m) => m.type)).toEqual(['detection', 'alert', 'camera-status']);

    // A grant change applies to open connections at once.
    access.apply({
      version: 1,
      revision: 2,
      roles: {},
      users: { narrow: { all: false, cameraIds: [2] } },
    });
    hub.alert({ id: 'a2b', cameraId: 2 } as AlertResponseDto);
    expect(narrow.sent.map((m) => m.type)).toEqual(['detection', 'alert']);
    expect(wide.sent.map((m) => m.type)).toHaveLength(4);
  });

  it('tells its listener when the first client follows a camera and when the last one stops', () => {
    const hub = new LiveHub(gauge, counter, new CameraAccess());
    const events: string[] = [];
    const first = client(user('first', 'admin'));
    const second = client(user('second', 'admin'));
    hub.add(first.live);
    hub.add(second.live);
    hub.follow(first.live, [1]);
    // A listener that comes later hears of the cameras already followed.
    hub.watchInterest({
      followed: (id) => events.push(`+${id}`),
      unfollowed: (id) => events.push(`-${id}`),
    });
    hub.follow(second.live, [1, 2]);
    hub.follow(second.live, [2]); // again: no second count
    hub.unfollow(first.live, [1, 3]); // 3 was never followed
    expect(events).toEqual(['+1', '+2']);
    hub.remove(second.live); // leaving ends what it followed
    expect(events).toEqual(['+1', '+2', '-1', '-2']);
    expect([...second.live.cameras]).toEqual([]);
  });

  it('ignores a subscription from a client that has already left', () => {
    const hub = new LiveHub(gauge, counter, new CameraAccess());
    const followed = jest.fn();
    hub.watchInterest({ followed, unfollowed: jest.fn() });
    const gone = client(user('gone', 'admin'));
    hub.add(gone.live);
    hub.remove(gone.live);
    hub.follow(gone.live, [1]);
    expect(followed).not.toHaveBeenCalled();
  });
});
