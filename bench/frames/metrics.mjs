// Prometheus text from the stack's services (internal token), summed by metric name and label filter.
import { host } from '../lib/stack.mjs';

/** One service's /metrics, parsed into [name, labels, value] rows; [] when it does not answer. */
export async function scrape(port, token) {
  try {
    const res = await fetch(`http://${host}:${port}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) return [];
    return (await res.text())
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
        return m ? [m[1], m[2] ?? '', Number(m[3])] : null;
      })
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Sum of a metric's samples whose labels contain `labels`. */
export const sum = (rows, name, labels = '') =>
  rows.filter(([n, l]) => n === name && l.includes(labels)).reduce((s, [, , v]) => s + v, 0);

/** Largest sample of a metric (e.g. the worst per-camera lag). */
export const max = (rows, name) =>
  rows.filter(([n]) => n === name).reduce((m, [, , v]) => Math.max(m, v), 0);
