import type {
  CameraResponseDto,
  CreatedApiKeyResponseDto,
  IngestAcceptedResponse,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { databaseClient } from './support/database';
import { adminToken, EDGE, edge, edgeApi, eventually } from './support/stack';
import { crashAndAwaitRestart } from './support/component-control';

/**
 * Zero loss: detections sent at a steady load through the edge while ingest, analytics and Kafka are
 * each killed (SIGKILL, no goodbye) and restarted by the supervisor; afterwards every detection
 * acknowledged with a 202 is in PostgreSQL exactly once. Unacknowledged ones may or may not be stored
 * (the client would retry them); they are counted, not judged.
 */

/** 4 cameras × 5 batches of 20 a second: 400 detections/s, half of each camera's rate limit. */
const CAMERAS = 4;
const BATCH = 20;
const BATCHES_PER_SECOND = 5;
/** Acknowledged detections to see after each restart before the next kill: the path works again. */
const ACKED_BETWEEN_KILLS = 400;

interface Outcome {
  sent: Set<string>;
  acked: Set<string>;
  refused: Record<string, number>;
}

/** One worker per camera posting batches at a fixed pace until stopped; every id and answer recorded. */
class Load {
  readonly outcome: Outcome = { sent: new Set(), acked: new Set(), refused: {} };
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly apiKey: string,
    cameraIds: number[],
  ) {
    this.workers = cameraIds.map((id) => this.work(id));
  }

  get acked(): number {
    return this.outcome.acked.size;
  }

  async stop(): Promise<Outcome> {
    this.running = false;
    await Promise.all(this.workers);
    return this.outcome;
  }

  private async work(cameraId: number): Promise<void> {
    while (this.running) {
      const started = Date.now();
      await this.send(cameraId);
      // Pacing, not waiting for a condition: the load stays the same whatever fails.
      const pause = 1000 / BATCHES_PER_SECOND - (Date.now() - started);
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async send(cameraId: number): Promise<void> {
    const capturedAt = new Date().toISOString();
    const items = Array.from({ length: BATCH }, () => ({
      id: randomUUID(),
      cameraId,
      plate: 'ZL0SS1',
      confidence: 0.9,
      capturedAt,
    }));
    for (const item of items) this.outcome.sent.add(item.id);
    let answer: string;
    try {
      const res = await fetch(`${EDGE}/api/ingest/lpr/batch`, {
        method: 'POST',
        headers: { 'x-api-key': this.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.status === 202) {
        for (const id of (JSON.parse(text) as IngestAcceptedResponse).ids) {
          this.outcome.acked.add(id);
        }
        return;
      }
      answer = String(res.status);
    } catch (error) {
      answer = (error as Error).name;
    }
    this.outcome.refused[answer] = (this.outcome.refused[answer] ?? 0) + BATCH;
  }
}

let admin: string;
let key: CreatedApiKeyResponseDto;
const cameras: CameraResponseDto[] = [];
let db: Client;

/** Ingest and analytics ready through the edge, and a detection accepted: the stack as others expect it. */
async function pathHealthy(): Promise<void> {
  for (const service of ['ingest', 'analytics']) {
    const res = await edge(`/health/${service}/ready`);
    expect({ service, status: res.status }).toEqual({ service, status: 200 });
  }
}

/** Waits until `count` more detections are acknowledged than now. */
async function moreAcked(load: Load, count: number): Promise<void> {
  const target = load.acked + count;
  await eventually(async () => expect(load.acked).toBeGreaterThanOrEqual(target), 90_000);
}

/** How many times each of `ids` is stored (absent ids are not in the map). */
async function storedCopies(ids: Set<string>): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; copies: number }>(
    `SELECT id::text AS id, count(*)::int AS copies FROM analytics.detections
      WHERE camera_id = ANY($1::int[]) GROUP BY id`,
    [cameras.map((camera) => camera.id)],
  );
  return new Map(rows.rows.filter((row) => ids.has(row.id)).map((row) => [row.id, row.copies]));
}

beforeAll(async () => {
  admin = await adminToken();
  const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
    token: admin,
    body: { name: `E2E zero loss ${randomUUID().slice(0, 8)}`, role: 'integrator' },
  });
  expect(created.status).toBe(201);
  key = created.body;
  for (let i = 0; i < CAMERAS; i++) {
    const res = await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
      token: admin,
      body: {
        name: `e2e zero loss ${i} ${randomUUID().slice(0, 8)}`,
        sourceUrl: 'rtsp://127.0.0.1:8554/e2e_zero_loss',
        enabled: false,
        lpr: { enabled: true, fps: 1 },
      },
    });
    expect(res.status).toBe(201);
    cameras.push(res.body);
  }
  db = await databaseClient();
  await eventually(pathHealthy, 60_000);
}, 90_000);

afterAll(async () => {
  await db?.end();
  for (const camera of cameras) {
    await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
  }
  if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
  // Every component killed here is back and serving before the next file runs.
  await eventually(pathHealthy, 120_000);
}, 150_000);

describe('zero loss under crashes', () => {
  it('stores every acknowledged detection exactly once while ingest, analytics and Kafka are killed in turn', async () => {
    const load = new Load(
      key.key,
      cameras.map((camera) => camera.id),
    );
    let outcome: Outcome;
    try {
      await moreAcked(load, ACKED_BETWEEN_KILLS);
      for (const component of ['ingest', 'analytics', 'kafka']) {
        await crashAndAwaitRestart(component);
        await moreAcked(load, ACKED_BETWEEN_KILLS);
      }
    } finally {
      outcome = await load.stop();
    }

    // Analytics catches up from its committed offsets; every acknowledged id must arrive.
    const copies = await eventually(async () => {
      const found = await storedCopies(outcome.sent);
      expect([...outcome.acked].filter((id) => !found.has(id))).toHaveLength(0);
      return found;
    }, 90_000);
    const duplicates = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
    const missing = [...outcome.acked].filter((id) => !copies.has(id));
    console.log(
      `zero loss: sent ${outcome.sent.size}, acknowledged ${outcome.acked.size}, ` +
        `stored ${copies.size}, duplicates ${duplicates}, acknowledged but missing ${missing.length}; ` +
        `not acknowledged by answer: ${JSON.stringify(outcome.refused)}`,
    );
    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    expect(outcome.acked.size).toBeGreaterThanOrEqual(4 * ACKED_BETWEEN_KILLS);
    // Every detection either was acknowledged or got an answer that says it was not (or no answer).
    const refused = Object.values(outcome.refused).reduce((sum, n) => sum + n, 0);
    expect(outcome.acked.size + refused).toBe(outcome.sent.size);
  }, 300_000);
});
