// JSON calls to the stack through the edge (HAProxy) with a bearer token, the admin's sign-in, and
// a bounded pool for doing many calls a few at a time.
import { edge, host, secret } from './stack.mjs';

/**
 * fetch, sent once more when the kept-alive connection it went out on had been closed by the other
 * side (the server never read the request, so sending it again cannot apply it twice).
 */
async function fetchOnce(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error.cause?.code !== 'UND_ERR_SOCKET' || error.cause?.socket?.remoteAddress) throw error;
    return fetch(url, init);
  }
}

/** A JSON request; resolves with the parsed body, throws on a non-2xx answer (status and body). */
export async function api(method, path, { token, body, base = edge } = {}) {
  const res = await fetchOnce(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Signs in through the edge; resolves with the access token. */
export async function login(username, password) {
  return (await api('POST', '/api/auth/login', { body: { username, password } })).accessToken;
}

/** The admin's access token, with the password the stack wrote to its secrets. */
export const adminToken = () => login('admin', secret('GTV_ADMIN_PASSWORD'));

/** Runs `fn` on every item, `size` at a time. */
export async function inPool(items, size, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

/**
 * The sum of a Prometheus metric's samples (all label sets) on a service's own port, scraped with
 * the internal service token: a cheap progress reading during a run.
 */
export async function serviceMetric(port, name) {
  const res = await fetch(`http://${host}:${port}/metrics`, {
    headers: { authorization: `Bearer ${secret('GTV_INTERNAL_SERVICE_TOKEN')}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`GET :${port}/metrics → ${res.status}`);
  let total = 0;
  for (const line of (await res.text()).split('\n'))
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      total += Number(line.split(' ').pop());
  return total;
}
