import { QueryFailedError } from 'typeorm';
import { isUniqueViolation, rowRejectionOf, sqlStateOf } from './sql-errors';

const failed = (code: unknown, message = 'refused') =>
  new QueryFailedError('INSERT', [], Object.assign(new Error(message), { code }));

describe('SQL errors', () => {
  it('reads the SQLSTATE of a statement PostgreSQL refused, and nothing else', () => {
    expect(sqlStateOf(failed('22P05'))).toBe('22P05');
    expect(sqlStateOf(failed('ECONNREFUSED'))).toBeUndefined();
    expect(sqlStateOf(new Error('Connection terminated unexpectedly'))).toBeUndefined();
  });

  it('blames the rows for data exceptions and constraint violations only', () => {
    expect(rowRejectionOf(failed('22P05', 'unsupported Unicode escape sequence'))).toEqual({
      sqlState: '22P05',
      problem: 'unsupported Unicode escape sequence',
    });
    expect(rowRejectionOf(failed('23514'))?.sqlState).toBe('23514');
    for (const outage of ['08006', '57P01', '53300', '40001', '42P01', 'ECONNREFUSED']) {
      expect({ outage, rejection: rowRejectionOf(failed(outage)) }).toEqual({
        outage,
        rejection: undefined,
      });
    }
    expect(rowRejectionOf(new Error('timeout exceeded when trying to connect'))).toBeUndefined();
  });

  it('tells a unique violation', () => {
    expect(isUniqueViolation(failed('23505'))).toBe(true);
    expect(isUniqueViolation(failed('23503'))).toBe(false);
  });
});
