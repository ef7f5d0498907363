import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';

/**
 * Runs parameterised SQL: the pool (each statement on its own) or an open transaction. Repositories
 * and services take this, never TypeORM's QueryRunner, so a write can join its caller's transaction.
 */
export interface Tx {
  /** The rows of one statement (a SELECT, or a write with RETURNING); none for a bare write. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** One statement; answers the rows it changed (UPDATE, DELETE, INSERT) or returned (SELECT). */
  execute(text: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * TypeORM's plain `query()` answers `[rows, count]` for UPDATE and DELETE but bare rows otherwise;
 * the structured result is the same for every command.
 */
async function run(runner: QueryRunner, text: string, params: readonly unknown[]) {
  const result = await runner.query(text, [...params], true);
  const rows = (result.records ?? []) as unknown[];
  return { rows, count: (result.affected as number | undefined) ?? rows.length };
}

function txOf(runner: QueryRunner): Tx {
  return {
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await run(runner, text, params)).rows as T[],
    execute: async (text: string, params: readonly unknown[] = []) =>
      (await run(runner, text, params)).count,
  };
}

/** The service's database (DatabaseModule provides it): statements on the pool, and transactions. */
@Injectable()
export class Database implements Tx {
  constructor(private readonly dataSource: DataSource) {}

  query<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.onPool(async (runner) => (await run(runner, text, params)).rows as T[]);
  }

  execute(text: string, params: readonly unknown[] = []): Promise<number> {
    return this.onPool(async (runner) => (await run(runner, text, params)).count);
  }

  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => {
      if (!manager.queryRunner) throw new Error('transaction without a query runner');
      return work(txOf(manager.queryRunner));
    });
  }

  private async onPool<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }
}
