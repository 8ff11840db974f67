// Regression (found by test/fuzz/hostile.test.ts): a company name holding NUL reached PostgreSQL,
// which refuses NUL in text, and the operator got a 500. Names are now cleaned like every other
// stored text (api/forum/text-rules.ts): control characters and line breaks are a readable 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../support/app.ts';

describe('company names with control characters', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const add = (name: string) => {
    serial++;
    return t.app.inject({
      method: 'POST',
      url: '/v1/operator/companies',
      headers: { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN },
      payload: { slug: `control-${serial}`, name, domains: [`control${serial}.example`] },
    });
  };

  it('refuses NUL and other control characters with a 400 that names the character', async () => {
    for (const [name, code] of [
      ['Acme\u0000Corp', 'U+0000'],
      ['Acme\u001bCorp', 'U+001B'],
      ['Acme\u0085Corp', 'U+0085'],
    ] as const) {
      const res = await add(name);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('CONTROL_CHARACTER');
      expect(res.json().error.message).toContain(code);
    }
    const { rows } = await t.services.db.query('SELECT 1 FROM companies');
    expect(rows).toHaveLength(0);
  });

  it('refuses a name on several lines, and still stores a plain one trimmed', async () => {
    const twoLines = await add('Acme\nCorp');
    expect(twoLines.statusCode).toBe(400);
    expect(twoLines.json().error.code).toBe('INVALID_TEXT');
    const plain = await add('  Zürich Rück & Söhne  ');
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().name).toBe('Zürich Rück & Söhne');
  });
});
