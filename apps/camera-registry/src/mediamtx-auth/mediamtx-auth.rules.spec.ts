import {
  credentialOf,
  decideMediaMtxAccess,
  type MediaMtxAuthRequest,
  type MediaMtxCaller,
} from './mediamtx-auth.rules';

const request = (overrides: Partial<MediaMtxAuthRequest>): MediaMtxAuthRequest => ({
  ip: '127.0.0.1',
  user: '',
  password: '',
  token: '',
  action: 'read',
  path: 'cam_1',
  protocol: 'hls',
  query: '',
  ...overrides,
});

const none: MediaMtxCaller = { kind: 'none' };
const service: MediaMtxCaller = { kind: 'service' };
const viewer: MediaMtxCaller = { kind: 'user', role: 'viewer' };
const operator: MediaMtxCaller = { kind: 'user', role: 'operator' };
const admin: MediaMtxCaller = { kind: 'user', role: 'admin' };
const revoked: MediaMtxCaller = { kind: 'refused', reason: 'token revoked' };

const allowed = (req: Partial<MediaMtxAuthRequest>, caller: MediaMtxCaller, enabled = true) =>
  decideMediaMtxAccess(request(req), caller, { cameraEnabled: enabled, cameraGranted: true }).allow;

describe('credentialOf', () => {
  it('prefers the token MediaMTX extracted (Bearer header, RTSP password or query)', () => {
    expect(credentialOf({ token: 'a', password: 'b', query: 'token=c' })).toBe('a');
  });

  it('takes the password of clients that can only send user:password', () => {
    expect(credentialOf({ token: '', password: 'b', query: 'token=c' })).toBe('b');
  });

  it('parses ?token= itself, which MediaMTX leaves in the query for HLS, WebRTC and playback', () => {
    expect(credentialOf({ token: '', password: '', query: 'cookieCheck=1&token=c%2Bd' })).toBe(
      'c+d',
    );
    expect(credentialOf({ token: '', password: '', query: '' })).toBe('');
  });
});

describe('decideMediaMtxAccess', () => {
  it.each([viewer, operator, admin, service])(
    'lets %j watch and play back an enabled camera over any protocol',
    (caller) => {
      for (const protocol of ['hls', 'webrtc', 'rtsp']) {
        expect(allowed({ protocol }, caller)).toBe(true);
      }
      expect(allowed({ action: 'playback', protocol: '' }, caller)).toBe(true);
    },
  );

  it('authorises a sub-stream path as its camera: users with a token, only while it is enabled', () => {
    for (const protocol of ['hls', 'webrtc']) {
      expect(allowed({ path: 'cam_1_sub', protocol }, viewer)).toBe(true);
      expect(allowed({ path: 'cam_1_sub', protocol }, none)).toBe(false);
      expect(allowed({ path: 'cam_1_sub', protocol }, viewer, false)).toBe(false);
    }
  });

  it('refuses cameras without a token, with a refused token, or unknown/disabled', () => {
    expect(allowed({}, none)).toBe(false);
    expect(allowed({}, revoked)).toBe(false);
    expect(allowed({}, admin, false)).toBe(false);
    expect(allowed({ action: 'playback' }, none)).toBe(false);
  });

  it('refuses paths that are not cameras, demo feeds (served by the simulator itself) included', () => {
    expect(allowed({ path: 'e2e_x' }, admin)).toBe(false);
    expect(allowed({ path: 'cam_1/../x' }, admin)).toBe(false);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp' }, service)).toBe(false);
  });

  it('lets nobody publish: every camera path pulls from its source', () => {
    for (const caller of [none, service, admin]) {
      for (const path of ['cam_1', 'cam_1_sub', 'sim_2', 'anything']) {
        expect(allowed({ action: 'publish', path, protocol: 'rtsp' }, caller)).toBe(false);
      }
    }
  });

  it.each(['api', 'pprof'])('grants %s to the internal service only', (action) => {
    expect(allowed({ action, path: '', protocol: '' }, service)).toBe(true);
    expect(allowed({ action, path: '', protocol: '' }, admin)).toBe(false);
    expect(allowed({ action, path: '', protocol: '' }, operator)).toBe(false);
    expect(allowed({ action, path: '', protocol: '' }, none)).toBe(false);
  });

  it('grants metrics to the internal service and admins only', () => {
    expect(allowed({ action: 'metrics', path: '', protocol: '' }, service)).toBe(true);
    expect(allowed({ action: 'metrics', path: '', protocol: '' }, admin)).toBe(true);
    expect(allowed({ action: 'metrics', path: '', protocol: '' }, operator)).toBe(false);
    expect(allowed({ action: 'metrics', path: '', protocol: '' }, revoked)).toBe(false);
  });

  it('refuses actions it does not know', () => {
    expect(allowed({ action: 'delete' }, service)).toBe(false);
  });

  it('says why it refused', () => {
    const facts = { cameraEnabled: true, cameraGranted: true };
    expect(decideMediaMtxAccess(request({}), none, facts)).toEqual({
      allow: false,
      reason: 'missing token',
    });
  });
});
