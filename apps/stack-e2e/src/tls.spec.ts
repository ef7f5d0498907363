import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { adminToken, EDGE_CA_FILE, EDGE_HTTPS, eventually, PROMETHEUS } from './support/stack';

/**
 * The edge over HTTPS with the generated local CA: HTTP/2 by ALPN, Mozilla "intermediate" (TLS 1.2+),
 * HSTS, and every surface (API, console, LL-HLS, WHEP signalling, playback, WebSocket) through it.
 * The rest of the suite runs on the plain loopback listener, which stays plain for local clients.
 */
const run = promisify(execFile);

interface CurlResult {
  status: number;
  httpVersion: string;
  body: string;
}

async function curl(path: string, args: string[] = []): Promise<CurlResult> {
  const marker = '\n--curl-meta--';
  const { stdout } = await run(
    'curl',
    [
      '-sS',
      '--http2',
      '--cacert',
      EDGE_CA_FILE,
      '--max-time',
      '15',
      '-w',
      `${marker}%{http_code} %{http_version}`,
      ...args,
      `${EDGE_HTTPS}${path}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  ).then(
    (out) => out,
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`curl ${path}: ${error.stderr || error.message}`);
    },
  );
  const at = stdout.lastIndexOf(marker);
  const [status, httpVersion] = stdout.slice(at + marker.length).split(' ');
  return { status: Number(status), httpVersion, body: stdout.slice(0, at) };
}

/** The response headers only (curl -D -, body discarded). */
async function curlHeaders(path: string, args: string[] = []): Promise<string> {
  const { stdout } = await run('curl', [
    '-sS',
    '--http2',
    '--cacert',
    EDGE_CA_FILE,
    '--max-time',
    '15',
    '-o',
    '/dev/null',
    '-D',
    '-',
    ...args,
    `${EDGE_HTTPS}${path}`,
  ]);
  return stdout;
}

describe('HTTPS at the edge', () => {
  let token: string;
  const auth = () => ['-H', `authorization: Bearer ${token}`];

  beforeAll(async () => {
    token = await adminToken();
  });

  it('speaks HTTP/2 (ALPN) with a certificate the local CA signed, and sends HSTS', async () => {
    const res = await curl('/api/cameras?limit=1', auth());
    expect(res.status).toBe(200);
    expect(res.httpVersion).toBe('2');
    const headers = await curlHeaders('/api/cameras?limit=1', auth());
    expect(headers).toMatch(/^strict-transport-security: max-age=63072000/im);
  });

  it('still speaks HTTP/1.1 to clients that ask for it', async () => {
    const res = await curl('/api/cameras?limit=1', [...auth(), '--http1.1']);
    expect(res.status).toBe(200);
    expect(res.httpVersion).toBe('1.1');
  });

  it('refuses TLS 1.1 and older (Mozilla intermediate), accepts TLS 1.2 and 1.3', async () => {
    await expect(curl('/api/cameras', ['--tls-max', '1.1'])).rejects.toThrow(/alert|version/i);
    expect((await curl('/api/cameras', ['--tlsv1.2', '--tls-max', '1.2'])).status).toBe(401);
    expect((await curl('/api/cameras', ['--tlsv1.3'])).status).toBe(401);
  });

  it('is refused by a client that does not trust the local CA', async () => {
    await expect(
      run('curl', [
        '-sS',
        '--max-time',
        '10',
        '--cacert',
        '/etc/ssl/certs/ca-certificates.crt',
        `${EDGE_HTTPS}/`,
      ]),
    ).rejects.toThrow(/certificate/i);
  });

  it('serves the console', async () => {
    const res = await curl('/');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<html/i);
  });

  it('serves LL-HLS: the playlist and its variant', async () => {
    const playlist = await eventually(async () => {
      const res = await curl('/hls/cam_1/index.m3u8', [...auth(), '-L']);
      if (res.status !== 200) throw new Error(`playlist answered ${res.status}`);
      return res.body;
    }, 30_000);
    expect(playlist).toMatch(/^#EXTM3U/);
    const variant = playlist.split('\n').find((l) => l && !l.startsWith('#')) as string;
    const res = await curl(`/hls/cam_1/${variant}`, auth());
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/#EXT-X-PART-INF/);
  });

  it('routes WHEP signalling and playback to MediaMTX, which asks the registry', async () => {
    const whep = await curl('/webrtc/cam_1/whep', [
      '-X',
      'POST',
      '-H',
      'content-type: application/sdp',
      '--data-binary',
      'v=0\r\n',
    ]);
    expect(whep.status).toBe(401);
    const playback = await curl('/playback/list?path=cam_1', auth());
    expect([200, 404]).toContain(playback.status);
    expect((await curl('/playback/list?path=cam_1')).status).toBe(401);
  });

  it('carries the live WebSocket (wss://)', async () => {
    const url = `${EDGE_HTTPS.replace(/^https/, 'wss')}/ws/live/`;
    const socket = new WebSocket(url, { ca: readFileSync(EDGE_CA_FILE) });
    const ready = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
      socket.once('message', (data) => resolve(data.toString()));
      socket.once('error', reject);
      setTimeout(() => reject(new Error('no answer over wss in 10 s')), 10_000).unref();
    });
    socket.close();
    expect(JSON.parse(ready)).toMatchObject({ type: 'ready' });
  });

  it('exports the certificate expiry to Prometheus', async () => {
    await eventually(async () => {
      const res = await fetch(
        `${PROMETHEUS}/api/v1/query?query=gtv_tls_certificate_expiry_timestamp_seconds`,
      );
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      const edge = body.data.result.find((r) => r.metric['certificate'] === 'edge');
      expect(edge).toBeDefined();
      // A fresh certificate: valid for more than 30 days from now.
      expect(Number(edge?.value[1])).toBeGreaterThan(Date.now() / 1000 + 30 * 86400);
    }, 60_000);
  });
});
