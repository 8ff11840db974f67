// Schema validation for every route. Bodies are strict: no type coercion, no silently dropped
// fields, so a wrong type or an unknown field is a 400 that names it. Query strings and path
// parameters arrive as text and are coerced ("20" → 20) by a second validator. JSON bodies must
// also be valid UTF-8: invalid bytes are refused rather than stored as U+FFFD.
import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { badRequest } from '../errors.ts';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const base: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };
const strictAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
const coercingAjv = addFormats(new Ajv({ ...base, coerceTypes: true }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

type Done = (error: Error | null, body?: unknown) => void;
type TextParser = (request: FastifyRequest, body: string, done: Done) => void;

// fatal: invalid bytes throw instead of becoming U+FFFD (a leading BOM is dropped, as Fastify does).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON body parser (parseAs: 'buffer') that refuses bytes which are not UTF-8 (RFC 8259 §8.1)
 * with a 400 INVALID_UTF8, then hands the text to `parseJson` — Fastify's own parser from
 * app.getDefaultJsonParser(), so prototype-poisoning checks and error codes stay as they were.
 * Fastify's default reads bodies as UTF-8 text and silently replaces invalid bytes with U+FFFD,
 * so a post, a title or a note would be stored different from what the client sent.
 */
export function utf8JsonParser(parseJson: TextParser) {
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(
        badRequest(
          'INVALID_UTF8',
          'The request body is not valid UTF-8. Send JSON encoded as UTF-8 (as every JSON library does).',
        ),
      );
      return;
    }
    parseJson(request, text, done);
  };
}
