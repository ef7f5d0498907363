import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';

export interface SqlResult<T> {
  rows: T[];
  /** Rows affected (UPDATE, DELETE, INSERT) or returned (SELECT). */
  count: number;
}

/**
 * Runs one parameterised statement and returns its rows and row count, whatever the command:
 * TypeORM's plain `query()` answers `[rows, count]` for UPDATE and DELETE but bare rows otherwise.
 * `target` is the data source, or the query runner of an open transaction.
 */
export async function sql<T>(
  target: DataSource | QueryRunner,
  text: string,
  params: unknown[] = [],
): Promise<SqlResult<T>> {
  const runner = target instanceof DataSource ? target.createQueryRunner() : target;
  try {
    const result = await runner.query(text, params, true);
    const rows = (result.records ?? []) as T[];
    return { rows, count: result.affected ?? rows.length };
  } finally {
    if (runner !== target) await runner.release();
  }
}

/** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
export function transaction<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  return dataSource.transaction((manager) => {
    if (!manager.queryRunner) throw new Error('transaction without a query runner');
    return work(manager.queryRunner);
  });
}

/** PostgreSQL unique_violation (23505), e.g. a username or key hash that already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}
