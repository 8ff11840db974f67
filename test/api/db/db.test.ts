// isDatabaseDown: which errors mean "the database cannot be reached right now" (a 503 and a retry)
// and which mean the query itself was wrong (not the database's absence).
import { describe, expect, it } from 'vitest';
import { isDatabaseDown } from '../../../api/db/db.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseDown', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['admin shutdown (pg_ctl stop -m fast, pg_terminate_backend)', withCode('57P01')],
    ['crash shutdown', withCode('57P02')],
    ['starting up / shutting down / in recovery', withCode('57P03')],
    ['connection failure', withCode('08006')],
    ['protocol violation', withCode('08P01')],
    ['socket closed under a client', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a dead client reused', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s is down', (_what, error) => {
    expect(isDatabaseDown(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['syntax error', withCode('42601')],
    ['database dropped', withCode('57P04')],
    ['query canceled', withCode('57014')],
    ['a plain error', new Error('boom')],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseDown(error)).toBe(false);
  });
});
