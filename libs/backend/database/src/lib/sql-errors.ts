import { QueryFailedError } from 'typeorm';

/** The SQLSTATE PostgreSQL answered a statement with; undefined for anything else (no connection...). */
export function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** PostgreSQL unique_violation (23505), e.g. a username or key hash that already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23505';
}

/** Why PostgreSQL refused the rows themselves: retrying the same rows can only fail the same way. */
export interface RowRejection {
  sqlState: string;
  problem: string;
}

/**
 * Classes of SQLSTATE that blame the data written: 22 data exception (a value out of range, a NUL in
 * text...) and 23 integrity constraint violation. Everything else (08 connection, 53 resources, 57
 * operator intervention, 40 rollback, an error without SQLSTATE: the server is unreachable) says
 * nothing about the rows and is worth retrying as is.
 */
const ROW_ERROR_CLASSES = ['22', '23'];

/** The rejection when `error` blames the rows written; undefined when it is worth retrying. */
export function rowRejectionOf(error: unknown): RowRejection | undefined {
  const sqlState = sqlStateOf(error);
  if (!sqlState || !ROW_ERROR_CLASSES.includes(sqlState.slice(0, 2))) return undefined;
  return { sqlState, problem: (error as Error).message };
}
