import { CameraAccess, type Principal } from '@gt-vision/backend-auth';
import type {
  AlertResponseDto,
  CameraStatusChangedEvent,
  DetectionResponseDto,
} from '@gt-vision/shared-types';
import type { Counter, Gauge } from 'prom-client';
import { LiveClient, type LiveSocket } from './live-client';
import { LiveHub } from './live.hub';

const user = (id: string, role: 'admin' | 'viewer'): Principal => ({
  kind: 'user',
  id,
  username: id,
  role,
  tokenId: 't',
  family: 'f',
});

function client(principal: Principal, cameras: number[]) {
  const sent: { type: string }[] = [];
  const socket: LiveSocket = {
    bufferedAmount: 0,
    readyState: 1,
    send: (data) => void sent.push(JSON.parse(data)),
    close: () => undefined,
    terminate: () => undefined,
  };
  const live = new LiveClient(socket, 1 << 20, () => undefined);
  live.principal = principal;
  cameras.forEach((id) => live.cameras.add(id));
  return { live, sent };
}

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
    const narrow = client(user('narrow', 'viewer'), [1, 2]);
    const wide = client(user('wide', 'viewer'), [1, 2]);
    const admin = client(user('root', 'admin'), [2]);
    [narrow, wide, admin].forEach(({ live }) => hub.add(live));

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
});
