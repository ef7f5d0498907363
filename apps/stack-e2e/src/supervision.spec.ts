import { edge, eventually } from './support/stack';
import { crashAndAwaitRestart } from './support/component-control';

// The supervisor of the deployment under test: process-compose on the process stack, podman's restart
// policy under compose.
describe('the supervisor', () => {
  it('restarts a crashed service, which is ready again through the edge', async () => {
    await crashAndAwaitRestart('ingest', 75_000);
    await eventually(async () => {
      const res = await edge('/health/ingest/ready');
      expect(res.status).toBe(200);
    }, 75_000);
  }, 90_000);
});
