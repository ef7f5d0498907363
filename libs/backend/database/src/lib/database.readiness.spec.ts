import type { DataSource } from 'typeorm';
import { DatabaseReadiness } from './database.readiness';

describe('DatabaseReadiness', () => {
  it('runs a real round trip and reports its latency', async () => {
    const query = jest.fn().mockResolvedValue([{ '?column?': 1 }]);
    const result = await new DatabaseReadiness({ query } as unknown as DataSource).probe();
    expect(query).toHaveBeenCalledWith('SELECT 1');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails with the driver error when the database does not answer', async () => {
    const query = jest.fn().mockRejectedValue(new Error('Connection terminated unexpectedly'));
    await expect(new DatabaseReadiness({ query } as unknown as DataSource).probe()).rejects.toThrow(
      'Connection terminated unexpectedly',
    );
  });
});
