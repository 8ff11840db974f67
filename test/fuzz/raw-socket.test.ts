// The real server on a listening socket, fed bytes no HTTP client library would send: invalid
// UTF-8 in bodies, paths, queries and headers; CR/LF inside header values; lying Content-Length,
// smuggling-shaped Content-Length + Transfer-Encoding, broken chunks, oversized request lines and
// header sections, HTTP/0.9 and unknown methods. Every answer < 500, every 4xx a readable JSON
// error, nothing written, and the server still answers after each.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSafeAnswer } from './support/answers.ts';
import { type FuzzApp, openFuzzApp } from './support/fuzz-app.ts';
import { type RawAnswer, rawExchange, requestHead } from './support/raw-http.ts';

const INVALID_UTF8: Record<string, number[]> = {
  'lone continuation byte': [0x80],
  'bytes 0xFF 0xFE': [0xff, 0xfe],
  'overlong slash': [0xc0, 0xaf],
  'UTF-8-encoded surrogate': [0xed, 0xa0, 0x80],
  'truncated sequence': [0xe2, 0x82],
  'beyond U+10FFFF': [0xf4, 0x90, 0x80, 0x80],
};

describe('fuzz: raw bytes on a real socket', () => {
  let fuzz: FuzzApp;
  let port: number;
  let refusedCases = 0;

  beforeAll(async () => {
    fuzz = await openFuzzApp();
    await fuzz.app.listen({ host: '127.0.0.1', port: 0 });
    port = (fuzz.app.server.address() as AddressInfo).port;
  }, 120_000);
  afterAll(async () => {
    console.log(
      `raw socket: ${refusedCases} hostile exchanges, no 5xx, nothing written, server up after each`,
    );
    await fuzz?.close();
  });

  /** Sends raw bytes; the answer must be safe, the database untouched, and the server still up. */
  async function hostile(what: string, bytes: Buffer | string, method = 'POST'): Promise<RawAnswer> {
    const before = await fuzz.snapshot();
    const answer = await rawExchange(port, bytes);
    if (answer.statusCode !== null)
      expectSafeAnswer({ ...answer, statusCode: answer.statusCode }, method, what);
    expect(await fuzz.snapshot(), `${what} wrote`).toEqual(before);
    const health = await rawExchange(port, requestHead('GET /health HTTP/1.1', {}));
    expect(health.statusCode, `server down after ${what}`).toBe(200);
    refusedCases++;
    return answer;
  }

  const employee = () => ({ ...fuzz.callers.employee });
  const withBody = (line: string, headers: Record<string, string>, body: Buffer) =>
    Buffer.concat([
      requestHead(line, {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(body.length),
      }),
      body,
    ]);

  it('refuses invalid UTF-8 inside JSON bodies instead of storing replacement characters', async () => {
    for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
      for (const [where, body] of [
        [
          'a value',
          Buffer.concat([Buffer.from('{"body":"Fifteen minutes '), Buffer.from(bytes), Buffer.from('"}')]),
        ],
        ['a key', Buffer.concat([Buffer.from('{"'), Buffer.from(bytes), Buffer.from('":"x","body":"ok"}')])],
      ] as const) {
        const answer = await hostile(
          `${name} in ${where}`,
          withBody(`POST /v1/threads/${fuzz.world.threadId}/posts HTTP/1.1`, employee(), body),
        );
        expect(answer.statusCode, `${name} in ${where}: ${answer.body}`).toBe(400);
      }
    }
  });

  it('refuses invalid UTF-8 in paths and query strings, percent-encoded or raw', async () => {
    for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
      const encoded = bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      const raw = Buffer.from(bytes).toString('latin1');
      for (const target of [
        `/v1/threads/${encoded}`,
        `/v1/threads?company=${encoded}`,
        `/dashboards/vendor/${encoded}`,
        `/v1/threads/${raw}`,
        `/v1/data/pub_salary_by_company?company_slug=${raw}`,
      ]) {
        const answer = await hostile(
          `${name} in ${target}`,
          requestHead(`GET ${target} HTTP/1.1`, employee()),
          'GET',
        );
        expect(answer.statusCode, `${name} in ${target}`).not.toBe(200);
      }
    }
  });

  it('refuses CR, LF and invalid bytes inside header values, and malformed header lines', async () => {
    const cases: [string, Buffer][] = [
      [
        'bare LF in a value',
        Buffer.from(`GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Deletion-Receipt: a\nSet-Cookie: pwned=1\r\n\r\n`),
      ],
      [
        'bare CR in a value',
        Buffer.from(`GET /v1/me HTTP/1.1\r\nHost: x\r\nUser-Agent: a\rSet-Cookie: pwned=1\r\n\r\n`),
      ],
      ['NUL in a value', Buffer.from(`GET /v1/me HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n`)],
      ['header without a colon', Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n')],
      ['space before the colon', Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nUser-Agent : a\r\n\r\n')],
      ['obsolete line folding', Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n folded\r\n\r\n')],
      [
        'CRLF in the request target',
        Buffer.from('GET /v1/me\r\nSet-Cookie: pwned=1 HTTP/1.1\r\nHost: x\r\n\r\n'),
      ],
      [
        'invalid UTF-8 in Authorization',
        Buffer.concat([
          Buffer.from('GET /v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer wc_'),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from('\r\n\r\n'),
        ]),
      ],
      [
        'invalid UTF-8 in the operator token',
        Buffer.concat([
          Buffer.from(
            'GET /v1/operator/allow-list HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Operator-Token: ',
          ),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from('\r\n\r\n'),
        ]),
      ],
      [
        'invalid UTF-8 in a deletion receipt',
        Buffer.concat([
          Buffer.from(
            `DELETE /v1/posts/${'A'.repeat(22)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Deletion-Receipt: `,
          ),
          Buffer.from([0xff]),
          Buffer.from('\r\n\r\n'),
        ]),
      ],
    ];
    for (const [name, bytes] of cases) {
      const answer = await hostile(name, bytes, 'GET');
      expect(answer.headers['set-cookie'], name).toBeUndefined();
      expect(answer.statusCode, name).not.toBe(200);
    }
  });

  it('survives lying lengths, smuggling-shaped framing, broken chunks and oversized heads', async () => {
    const post = `POST /v1/threads/${fuzz.world.threadId}/posts HTTP/1.1`;
    const auth = Object.entries(employee())
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    const head = (extra: string) =>
      `${post}\r\nHost: x\r\nConnection: close\r\n${auth}\r\nContent-Type: application/json\r\n${extra}\r\n\r\n`;
    // Expected status, or null: refused (any 4xx) or the connection closed without an answer.
    const cases: [string, string, number | null | 'any'][] = [
      ['Content-Length longer than the body', `${head('Content-Length: 500')}{"body":"short"}`, null],
      [
        'Content-Length shorter than the body',
        `${head('Content-Length: 5')}{"body":"longer than five"}`,
        400,
      ],
      ['Content-Length not a number', `${head('Content-Length: abc')}{}`, 400],
      ['negative Content-Length', `${head('Content-Length: -1')}{}`, 400],
      ['two different Content-Lengths', `${head('Content-Length: 2\r\nContent-Length: 3')}{}`, 400],
      [
        'Content-Length with Transfer-Encoding',
        `${head('Content-Length: 4\r\nTransfer-Encoding: chunked')}0\r\n\r\n`,
        400,
      ],
      ['unknown Transfer-Encoding', `${head('Transfer-Encoding: gzip, chunked, rot13')}0\r\n\r\n`, null],
      ['invalid chunk size', `${head('Transfer-Encoding: chunked')}zz\r\n{}\r\n0\r\n\r\n`, 400],
      [
        'chunk larger than announced limit',
        `${head('Transfer-Encoding: chunked')}${(20 * 1024 * 1024).toString(16)}\r\n{"body":"x"}`,
        null,
      ],
      ['missing final chunk', `${head('Transfer-Encoding: chunked')}2\r\n{}\r\n`, null],
      ['HTTP/0.9 request', 'GET /health\r\n\r\n', 'any'],
      ['unknown method', 'BREW /v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', null],
      [
        'request line of 100 kB',
        `GET /v1/threads?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        431,
      ],
      [
        'header section of 100 kB',
        `GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
        431,
      ],
      [
        '3 000 headers',
        `GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${Array.from({ length: 3_000 }, (_, i) => `X-H${i}: 1`).join('\r\n')}\r\n\r\n`,
        null,
      ],
      ['HTTP/2 preface on HTTP/1.1', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', null],
      [
        'binary garbage',
        Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)).toString('latin1'),
        null,
      ],
    ];
    for (const [name, bytes, status] of cases) {
      const answer = await hostile(name, Buffer.from(bytes, 'latin1'));
      if (typeof status === 'number') expect(answer.statusCode, `${name}: ${answer.body}`).toBe(status);
      else if (status === null)
        expect(answer.statusCode === null || answer.statusCode >= 400, `${name}: ${answer.statusCode}`).toBe(
          true,
        );
    }
  });
});
