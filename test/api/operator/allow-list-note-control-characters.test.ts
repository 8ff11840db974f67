// Regression (found by test/fuzz/hostile.test.ts): an allow-list note holding NUL reached
// PostgreSQL, which refuses NUL in text, and the operator got a 500. Notes are now cleaned like
// every other stored text (api/forum/text-rules.ts): control characters are a readable 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../support/app.ts';

describe('allow-list notes with control characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const add = (note: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/operator/allow-list',
      headers: { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN },
      payload: { kind: 'fingerprint', value: 'ab'.repeat(16), note },
    });

  it('refuses NUL and other control characters with a 400 that names the character, writing nothing', async () => {
    for (const [note, code] of [
      ['uptime\u0000probe', 'U+0000'],
      ['uptime\u0007probe', 'U+0007'],
    ] as const) {
      const res = await add(note);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('CONTROL_CHARACTER');
      expect(res.json().error.message).toContain(code);
    }
    const { rows } = await t.services.db.query('SELECT 1 FROM allow_list');
    expect(rows).toHaveLength(0);
  });

  it('keeps notes on several lines, trimmed, and an empty note', async () => {
    const multiline = await add('  our uptime probe\nowner: ops  ');
    expect(multiline.statusCode, multiline.body).toBe(201);
    expect(multiline.json().entry.note).toBe('our uptime probe\nowner: ops');
    const empty = await add('');
    expect(empty.statusCode, empty.body).toBe(201);
    expect(empty.json().entry.note).toBe('');
  });
});
