import { InternalNetworks } from './internal-networks';
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
const simulator: MediaMtxCaller = { kind: 'simulator' };

/** As on the single node: only loopback is internal. */
const loopbackOnly = new InternalNetworks({ INTERNAL_TRUSTED_NETWORKS: [] });

const allowed = (req: Partial<MediaMtxAuthRequest>, caller: MediaMtxCaller, enabled = true) => {
  const full = request(req);
  return decideMediaMtxAccess(full, caller, {
    cameraEnabled: enabled,
    cameraGranted: true,
    internalClient: loopbackOnly.contains(full.ip),
  }).allow;
};

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
    expect(allowed({ path: 'cam_1_sub', protocol: 'hls' }, simulator)).toBe(false);
  });

  it('refuses cameras without a token, with a refused token, or unknown/disabled', () => {
    expect(allowed({}, none)).toBe(false);
    expect(allowed({}, revoked)).toBe(false);
    expect(allowed({}, admin, false)).toBe(false);
    expect(allowed({ action: 'playback' }, none)).toBe(false);
  });

  it('refuses paths that are neither cameras nor demo feeds', () => {
    expect(allowed({ path: 'e2e_x' }, admin)).toBe(false);
    expect(allowed({ path: 'cam_1/../x' }, admin)).toBe(false);
  });

  it('lets MediaMTX itself pull a demo feed over RTSP from loopback, with the service identity only', () => {
    expect(allowed({ path: 'sim_1', protocol: 'rtsp' }, service)).toBe(true);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp', ip: '::1' }, service)).toBe(true);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp' }, none)).toBe(false);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp' }, admin)).toBe(false);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp' }, simulator)).toBe(false);
  });

  it('keeps demo feeds from viewers: not through the edge (HLS/WebRTC), not remotely, no playback', () => {
    expect(allowed({ path: 'sim_1', protocol: 'hls' }, service)).toBe(false);
    expect(allowed({ path: 'sim_1', protocol: 'webrtc' }, service)).toBe(false);
    expect(allowed({ path: 'sim_1', protocol: 'rtsp', ip: '10.0.0.5' }, service)).toBe(false);
    expect(allowed({ path: 'sim_1', action: 'playback', protocol: '' }, service)).toBe(false);
  });

  it('lets only the local simulator, with its own password, publish, and only to sim_N', () => {
    expect(allowed({ action: 'publish', path: 'sim_2', protocol: 'rtsp' }, simulator)).toBe(true);
    expect(allowed({ action: 'publish', path: 'sim_2', protocol: 'rtsp' }, none)).toBe(false);
    expect(allowed({ action: 'publish', path: 'sim_2', protocol: 'rtsp' }, service)).toBe(false);
    expect(
      allowed({ action: 'publish', path: 'sim_2', protocol: 'rtsp', ip: '10.0.0.5' }, simulator),
    ).toBe(false);
    expect(allowed({ action: 'publish', path: 'sim_2', protocol: 'webrtc' }, simulator)).toBe(
      false,
    );
    expect(allowed({ action: 'publish', path: 'sim_2_sub', protocol: 'rtsp' }, simulator)).toBe(
      true,
    );
    expect(allowed({ action: 'publish', path: 'sim_2_sub', protocol: 'rtsp' }, none)).toBe(false);
    expect(allowed({ action: 'publish', path: 'cam_1_sub', protocol: 'rtsp' }, simulator)).toBe(
      false,
    );
    expect(allowed({ action: 'publish', path: 'cam_1', protocol: 'rtsp' }, simulator)).toBe(false);
    expect(allowed({ action: 'publish', path: 'cam_1', protocol: 'rtsp' }, service)).toBe(false);
  });

  it('treats a client the registry found internal (a container network) like loopback, not one outside', () => {
    const decide = (req: Partial<MediaMtxAuthRequest>, caller: MediaMtxCaller, internal: boolean) =>
      decideMediaMtxAccess(request({ ip: '10.89.240.7', ...req }), caller, {
        cameraEnabled: false,
        cameraGranted: true,
        internalClient: internal,
      }).allow;
    const publish = { action: 'publish', path: 'sim_1', protocol: 'rtsp' };
    expect(decide(publish, simulator, true)).toBe(true);
    expect(decide({ path: 'sim_1', protocol: 'rtsp' }, service, true)).toBe(true);
    expect(decide(publish, simulator, false)).toBe(false);
    expect(decide({ path: 'sim_1', protocol: 'rtsp' }, service, false)).toBe(false);
    // In containers the edge's own address is internal: what it forwards (HLS, WebRTC) stays refused.
    expect(decide({ ...publish, protocol: 'webrtc' }, simulator, true)).toBe(false);
    expect(decide({ path: 'sim_1', protocol: 'hls' }, service, true)).toBe(false);
  });

  it('refuses the simulator as a viewer', () => {
    expect(allowed({ protocol: 'rtsp' }, simulator)).toBe(false);
  });

  it.each(['api', 'pprof'])('grants %s to the internal service only', (action) => {
    expect(allowed({ action, path: '', protocol: '' }, service)).toBe(true);
    expect(allowed({ action, path: '', protocol: '' }, admin)).toBe(false);
    expect(allowed({ action, path: '', protocol: '' }, operator)).toBe(false);
    expect(allowed({ action, path: '', protocol: '' }, none)).toBe(false);
    expect(allowed({ action, path: '', protocol: '' }, simulator)).toBe(false);
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
    const facts = { cameraEnabled: true, cameraGranted: true, internalClient: true };
    expect(decideMediaMtxAccess(request({}), none, facts)).toEqual({
      allow: false,
      reason: 'missing token',
    });
  });
});
