import type { ErrorResponse, TokenPairResponseDto } from '@gt-vision/shared-types';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Everything is checked through the edge, the only listener meant for users. */
export const EDGE = process.env['GTV_EDGE_URL'] ?? 'http://127.0.0.1:80';
export const PROMETHEUS = process.env['GTV_PROMETHEUS_URL'] ?? 'http://127.0.0.1:9090';
export const MEDIAMTX_API = process.env['GTV_MEDIAMTX_API_URL'] ?? 'http://127.0.0.1:9997';
export const VICTORIALOGS = process.env['GTV_VICTORIALOGS_URL'] ?? 'http://127.0.0.1:9428';
/** The state directory of the stack under test (secrets, logs, the snapshot store, the supervisor's socket). */
export const STATE = process.env['GTV_STATE'] ?? '/var/lib/gt-vision';
/** The smallest JPEG a test puts in the snapshot store: SOI, an APP0 marker, EOI. */
export const TEST_JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);

export const SERVICES = [
  'camera-registry',
  'ingest',
  'frame-extraction',
  'analytics',
  'lpr-engine',
] as const;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * A request through the edge. An idempotent one whose reused keep-alive connection turns out to be closed
 * (undici: "other side closed", nothing received) is sent again, as browsers and curl do (RFC 9110 §9.2.2)
 * and as HAProxy expects of clients, which it closes unanswered rather than guess; undici's fetch never
 * does. The suite blocks its event loop at times (component logs read with podman, synchronously), so an
 * idle connection the edge closed meanwhile can look alive to undici when the next request is sent.
 */
export async function edge(path: string, init?: RequestInit): Promise<Response> {
  const send = () => fetch(`${EDGE}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  const idempotent = IDEMPOTENT.has((init?.method ?? 'GET').toUpperCase());
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const closed = (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET';
      if (!idempotent || !closed || attempt === 3) throw error;
    }
  }
}

/** Retries `attempt` until it returns a value or `timeoutMs` passes; the last error explains a failure. */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * The pid of the process listening on a TCP port. Sockets are per network namespace, so this finds the
 * component of the stack under test even when other stacks run on the same host (pgrep would not).
 */
export function listenerPid(port: number): number | undefined {
  const listeners = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listeners)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

/** The local CA tools/stack/tls.sh generated at the first `up`: what HTTPS clients must trust. */
export const EDGE_CA_FILE = join(STATE, 'tls', 'ca.pem');
/** The edge's HTTPS listener, by the name its certificate carries. */
export const EDGE_HTTPS = process.env['GTV_EDGE_HTTPS_URL'] ?? 'https://localhost:443';

/** A component's log file on the process stack (support/component-logs.ts reads any deployment's). */
export const componentLogPath = (component: string) => join(STATE, 'logs', `${component}.log`);

/** A value from `$GTV_STATE/secrets.env` (lines of `NAME='value'`). */
export function secret(name: string): string {
  const file = readFileSync(join(STATE, 'secrets.env'), 'utf8');
  const match = file.match(new RegExp(`^${name}='([^']*)'$`, 'm'));
  if (!match) throw new Error(`${name} is not in ${join(STATE, 'secrets.env')}`);
  return match[1];
}

/** MediaMTX's control API as the registry calls it: with the internal service token. */
export function mediamtxApi(path: string): Promise<Response> {
  return fetch(`${MEDIAMTX_API}${path}`, {
    headers: { authorization: `Bearer ${secret('GTV_INTERNAL_SERVICE_TOKEN')}` },
    signal: AbortSignal.timeout(5000),
  });
}

let adminSession: Promise<string> | undefined;

/** A bearer access token of the first admin, logged in once per test file. */
/** Set by global-setup.ts: one admin access token (15 min) shared by every file of a run. */
export const ADMIN_TOKEN_ENV = 'GTV_E2E_ADMIN_TOKEN';

export async function loginAdmin(): Promise<string> {
  const res = await edge('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: secret('GTV_ADMIN_PASSWORD') }),
  });
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`admin login answered ${res.status}: ${await res.text()}`);
  }
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function adminToken(): Promise<string> {
  const shared = process.env[ADMIN_TOKEN_ENV];
  adminSession ??= shared ? Promise.resolve(shared) : loginAdmin();
  return adminSession;
}

/** `POST /api/auth/login` through the edge; the status and parsed body, whatever the outcome. */
export async function login(
  username: string,
  password: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await edge('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * A throwaway account, created by the admin, for tests that log in: logging in as admin in each
 * file would meet the per-username login limit (10 a minute). Delete it with `deleteUser`.
 */
export async function createUser(
  role: 'admin' | 'operator' | 'viewer',
  prefix: string,
): Promise<{ id: string; username: string; password: string }> {
  const username = `e2e-${prefix}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const res = await edge('/api/users', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await adminToken()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ username, role, password }),
  });
  if (res.status !== 201) throw new Error(`creating ${username} answered ${res.status}`);
  const { id } = (await res.json()) as { id: string };
  return { id, username, password };
}

export async function deleteUser(id: string): Promise<void> {
  await edge(`/api/users/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
}

export interface ApiCall {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A JSON call through the edge: its status, its parsed answer (`{}` when empty) and the raw text. */
export async function edgeApi<T = unknown>(method: string, path: string, call: ApiCall = {}) {
  const res = await edge(path, {
    method,
    headers: {
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T & ErrorResponse, text };
}

/** Logs in and expects it to work: the token pair. */
export async function sessionOf(username: string, password: string): Promise<TokenPairResponseDto> {
  const res = await login(username, password);
  expect(res.status).toBe(200);
  return res.body as unknown as TokenPairResponseDto;
}
