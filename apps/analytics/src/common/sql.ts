import { DataSource, type QueryRunner } from 'typeorm';

export interface SqlResult<T> {
  rows: T[];
  /** Rows affected (INSERT, UPDATE, DELETE) or returned (SELECT). */
  count: number;
}

/**
 * Something statements run on: the pool, or one open transaction. Every statement is parameterised
 * and unnamed, so it is safe through PgBouncer's transaction pooling (no session state survives).
 */
export interface SqlExecutor {
  sql<T>(text: string, params?: unknown[]): Promise<SqlResult<T>>;
}

/** An open transaction: what runs on it commits or rolls back together. */
export type SqlTransaction = SqlExecutor;

class RunnerExecutor implements SqlExecutor {
  constructor(private readonly runner: QueryRunner) {}

  async sql<T>(text: string, params: unknown[] = []): Promise<SqlResult<T>> {
    const result = await this.runner.query(text, params, true);
    const rows = (result.records ?? []) as T[];
    return { rows, count: result.affected ?? rows.length };
  }
}

/** Runs statements on the pool, each on whichever connection is free. */
export function poolExecutor(dataSource: DataSource): SqlExecutor {
  return {
    async sql<T>(text: string, params: unknown[] = []) {
      const runner = dataSource.createQueryRunner();
      try {
        return await new RunnerExecutor(runner).sql<T>(text, params);
      } finally {
        await runner.release();
      }
    },
  };
}

/** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
export function transaction<T>(
  dataSource: DataSource,
  work: (tx: SqlTransaction) => Promise<T>,
): Promise<T> {
  return dataSource.transaction((manager) => {
    if (!manager.queryRunner) throw new Error('transaction without a query runner');
    return work(new RunnerExecutor(manager.queryRunner));
  });
}

/** The SQLSTATE of a failed statement (e.g. 23514 when no partition holds the row). */
export function sqlStateOf(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: string } } | undefined)?.driverError;
  return driverError?.code ?? (error as { code?: string } | undefined)?.code;
}
