// The strict UTF-8 JSON body parser of api/http/validation.ts, on a bare Fastify with Watercooler's
// error handling: invalid bytes are a readable 400 INVALID_UTF8 (they used to be stored as U+FFFD,
// found by test/fuzz/raw-socket.test.ts), valid UTF-8 of every plane still arrives intact, and
// Fastify's own handling (empty body, malformed JSON, a leading BOM, __proto__) stays as it was.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../../api/http/error-handler.ts';
import { utf8JsonParser } from '../../../api/http/validation.ts';

describe('utf8JsonParser', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    installErrorHandling(app);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      utf8JsonParser(app.getDefaultJsonParser('error', 'ignore')),
    );
    app.post('/echo', async (request) => ({ got: request.body }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: Buffer | string) =>
    app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });

  it('refuses every kind of invalid UTF-8 with a readable 400', async () => {
    for (const bytes of [
      [0x80],
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const res = await post(
        Buffer.concat([Buffer.from('{"body":"a'), Buffer.from(bytes), Buffer.from('"}')]),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({
        code: 'INVALID_UTF8',
        message:
          'The request body is not valid UTF-8. Send JSON encoded as UTF-8 (as every JSON library does).',
      });
    }
  });

  it('passes valid UTF-8 of every plane through unchanged, escaped surrogates included', async () => {
    const text = 'Zürich 北京 👩‍👩‍👧 \u202e \u0301 \u{10ffff}';
    expect((await post(JSON.stringify({ body: text }))).json()).toEqual({ got: { body: text } });
    expect((await post('{"body":"\\ud800"}')).json()).toEqual({ got: { body: '\ud800' } });
  });

  it("keeps Fastify's answers for empty bodies, malformed JSON, a BOM and __proto__", async () => {
    expect((await post('')).json().error.code).toBe('MALFORMED_JSON');
    expect((await post('{"a":')).json().error.code).toBe('MALFORMED_JSON');
    expect((await post(Buffer.from('\ufeff{"a":1}'))).json()).toEqual({ got: { a: 1 } });
    const poisoned = await post('{"__proto__":{"admin":true}}');
    expect(poisoned.statusCode).toBe(400);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });
});
