// What every answer to hostile input must look like: never a 5xx, and every 4xx a JSON
// {"error":{"code","message"}} whose message a person can act on — no stack, no SQL, no internals.
import { expect } from 'vitest';

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

const CODE = /^[A-Z][A-Z0-9_]{2,}$/;
// Signs that internals leaked into a message instead of a sentence written for people (hostile
// input echoed back, such as a refused field name full of SQL, is not one of them).
const INTERNALS =
  /FST_|ERR_[A-Z]|\n\s+at |node:internal|SyntaxError|TypeError|RangeError|ReferenceError|\bundefined\b|\[object |relation "|violates .* constraint|Binder Error|Parser Error/;

/** The readable error of a 4xx, or a description of what is wrong with it. */
export function errorProblem(answer: Answer, method: string): string | null {
  if (answer.statusCode < 400 || answer.statusCode >= 500) return null;
  if (method === 'HEAD') return null;
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `content-type ${type || 'none'}, not JSON`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'body is not JSON';
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } })?.error;
  if (!error || typeof error !== 'object') return 'no "error" object';
  if (typeof error.code !== 'string' || !CODE.test(error.code)) return `error.code ${String(error.code)}`;
  const message = error.message;
  if (typeof message !== 'string') return 'error.message is not text';
  if (message.length < 15 || !/[a-z]{2,} [a-z]/i.test(message))
    return `error.message "${message}" is not a sentence`;
  if (INTERNALS.test(message)) return `error.message "${message}" shows internals`;
  return null;
}

/** Asserts the answer is not a 5xx and, when a 4xx, a readable JSON error. */
export function expectSafeAnswer(answer: Answer, method: string, what: string): void {
  expect(answer.statusCode, `${what} → ${answer.statusCode} ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  expect(
    errorProblem(answer, method),
    `${what} → ${answer.statusCode} ${answer.body.slice(0, 300)}`,
  ).toBeNull();
}
