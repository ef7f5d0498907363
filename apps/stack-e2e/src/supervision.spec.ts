import { edge, eventually, listenerPid } from './support/stack';

/** ingest's HTTP port (tools/stack/ports.env). */
const INGEST_PORT = 3002;

describe('the supervisor', () => {
  it('restarts a crashed service, which is ready again through the edge', async () => {
    const before = listenerPid(INGEST_PORT);
    expect(before).toBeGreaterThan(0);
    process.kill(before as number, 'SIGKILL');

    await eventually(async () => {
      const after = listenerPid(INGEST_PORT);
      expect(after).toBeGreaterThan(0);
      expect(after).not.toBe(before);
      const res = await edge('/health/ingest/ready');
      expect(res.status).toBe(200);
    }, 75_000);
  }, 90_000);
});
