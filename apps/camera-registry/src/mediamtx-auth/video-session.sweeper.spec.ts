import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { CameraAccess, type Authenticator } from '@gt-vision/backend-auth';
import type { MediaMtxClient } from '@gt-vision/backend-mediamtx';
import type { VideoSessionStore } from './video-session.store';
import { VideoSessionSweeper } from './video-session.sweeper';

describe('VideoSessionSweeper', () => {
  const lists: Record<
    string,
    { id: string; path: string; state?: string; peerConnectionEstablished?: boolean }[]
  > = {
    hlssessions: [
      { id: 'h-valid', path: 'cam_1' },
      { id: 'h-revoked', path: 'cam_1' },
      { id: 'h-unknown', path: 'cam_2' },
    ],
    webrtcsessions: [
      { id: 'w-revoked', path: 'cam_3', state: 'read', peerConnectionEstablished: true },
      // Listed from its POST on, before MediaMTX asked the registry to authorise it: no record yet.
      { id: 'w-setting-up', path: 'cam_3', state: 'read', peerConnectionEstablished: false },
      { id: 'w-unknown', path: 'cam_4', state: 'read', peerConnectionEstablished: true },
    ],
    rtspsessions: [
      { id: 'r-demo-pull', path: 'sim_1', state: 'read' },
      { id: 'r-publisher', path: 'cam_9', state: 'publish' },
      { id: 'r-valid', path: 'cam_1', state: 'read' },
    ],
  };
  const credentials: Record<string, string> = {
    'h-valid': 'good',
    'h-revoked': 'revoked',
    'w-revoked': 'revoked',
    'r-valid': 'service',
  };
  let kicked: string[];
  let confirmed: string[];
  let forgotten: string[];
  let authFails: Error | undefined;

  const mediamtx = {
    request: jest.fn(async (method: string, path: string) => {
      if (method === 'GET') return { items: lists[path.split('/')[2]] };
      kicked.push(path);
      return undefined;
    }),
  } as unknown as MediaMtxClient;
  const store = {
    credentialsOf: async (ids: string[]) => ids.map((id) => credentials[id] ?? null),
    confirm: async (ids: string[]) => void confirmed.push(...ids),
    forget: async (id: string) => void forgotten.push(id),
  } as unknown as VideoSessionStore;
  const authenticator = {
    authenticate: async (req: { headers: { authorization: string } }) => {
      if (authFails) throw authFails;
      if (req.headers.authorization === 'Bearer revoked') {
        throw new UnauthorizedException('token revoked');
      }
      const id = req.headers.authorization === 'Bearer narrowed' ? 'narrowed-user' : 'some-user';
      return { kind: 'user', id, role: 'viewer' };
    },
  } as unknown as Authenticator;
  const access = new CameraAccess();
  const sweeper = new VideoSessionSweeper(mediamtx, store, authenticator, access);

  beforeEach(() => {
    access.apply({
      version: 1,
      revision: 1,
      roles: { viewer: { all: true, cameraIds: [] } },
      users: {},
    });
    delete credentials['h-narrowed'];
    lists['hlssessions'] = lists['hlssessions'].filter((s) => s.id !== 'h-narrowed');
    kicked = [];
    confirmed = [];
    forgotten = [];
    authFails = undefined;
  });

  it('kicks camera sessions whose credential is refused or unknown, and confirms the rest', async () => {
    await sweeper.sweep();
    expect(kicked.sort()).toEqual([
      '/v3/hlssessions/kick/h-revoked',
      '/v3/hlssessions/kick/h-unknown',
      '/v3/webrtcsessions/kick/w-revoked',
      '/v3/webrtcsessions/kick/w-unknown',
    ]);
    expect(forgotten.sort()).toEqual(['h-revoked', 'h-unknown', 'w-revoked', 'w-unknown']);
    expect(confirmed.sort()).toEqual(['h-valid', 'r-valid']);
  });

  it('leaves a WebRTC session alone until its peer connection is up (it may not be authorised yet)', async () => {
    await sweeper.sweep();
    expect(kicked).not.toContain('/v3/webrtcsessions/kick/w-setting-up');
    expect(confirmed).not.toContain('w-setting-up');
  });

  it('kicks nobody while it cannot tell whether a credential was revoked', async () => {
    authFails = new ServiceUnavailableException('revocation list down');
    await expect(sweeper.sweep()).rejects.toThrow('revocation list down');
    expect(kicked).toEqual([]);
  });

  it('kicks a session whose camera is no longer granted to its viewer', async () => {
    lists['hlssessions'].push({ id: 'h-narrowed', path: 'cam_2' });
    credentials['h-narrowed'] = 'narrowed';
    access.apply({
      version: 1,
      revision: 2,
      roles: { viewer: { all: true, cameraIds: [] } },
      users: { 'narrowed-user': { all: false, cameraIds: [1] } },
    });
    await sweeper.sweep();
    expect(kicked).toContain('/v3/hlssessions/kick/h-narrowed');
    expect(confirmed.sort()).toEqual(['h-valid', 'r-valid']);
  });
});
