import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Everything is checked through the edge, the only listener meant for users. */
export const EDGE = process.env['GTV_EDGE_URL'] ?? 'http://127.0.0.1:80';
export const PROMETHEUS = process.env['GTV_PROMETHEUS_URL'] ?? 'http://127.0.0.1:9090';
const STATE = process.env['GTV_STATE'] ?? '/var/lib/gt-vision';

export const SERVICES = ['camera-registry', 'ingest', 'frame-extraction', 'analytics'] as const;

export function edge(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${EDGE}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
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

export function componentLog(component: string): string {
  return readFileSync(join(STATE, 'logs', `${component}.log`), 'utf8');
}
