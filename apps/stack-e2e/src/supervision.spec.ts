import { edge, eventually } from './support/stack';
import { crashAndAwaitRestart } from './support/supervisor';

/** ingest's HTTP port (tools/stack/ports.env). */
const INGEST_PORT = 3002;

describe('the supervisor', () => {
  it('restarts a crashed service, which is ready again through the edge', async () => {
    await crashAndAwaitRestart(INGEST_PORT, 75_000);
    await eventually(async () => {
      const res = await edge('/health/ingest/ready');
      expect(res.status).toBe(200);
    }, 75_000);
  }, 90_000);
});
