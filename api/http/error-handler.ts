// Turns anything thrown by a route into {"error":{"code","message"}} with the right status.
// Clients never see a stack trace or SQL; a database that is down gives 503 with Retry-After.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseDown } from '../db/db.ts';
import { AppError } from '../errors.ts';

interface ErrorBody {
  error: { code: string; message: string; [extra: string]: unknown };
}

function describeValidation(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = error.validationContext ?? 'request';
  const path = first.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
  const field = path ? `${where}.${path}` : where;
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'additionalProperties':
      return `${field} has a field this endpoint does not accept: "${String(params.additionalProperty)}". Remove it.`;
    case 'required':
      return `${field} is missing the required field "${String(params.missingProperty)}".`;
    case 'type':
      return `${field} must be of type ${String(params.type)}.`;
    case 'enum':
      return `${field} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'maxLength':
      return `${field} is too long: at most ${String(params.limit)} characters.`;
    case 'minLength':
      return `${field} is too short: at least ${String(params.limit)} characters.`;
    case 'maximum':
    case 'minimum':
      return `${field} ${first.message ?? 'is out of range'}.`;
    case 'pattern':
      return `${field} is not in the expected format.`;
    case 'format':
      return `${field} must be a valid ${String(params.format)}.`;
    default:
      return `${field} ${first.message ?? 'is invalid'}.`;
  }
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (error instanceof AppError) {
      status = error.statusCode;
      body = { error: { code: error.code, message: error.message, ...(error.details ?? {}) } };
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    } else if (error.validation) {
      status = 400;
      body = { error: { code: 'INVALID_INPUT', message: describeValidation(error) } };
    } else if (isDatabaseDown(error)) {
      status = 503;
      reply.header('retry-after', '5');
      body = {
        error: {
          code: 'UNAVAILABLE',
          message: 'The database is briefly unavailable. Try again in a few seconds.',
        },
      };
      request.log.warn({ err: error }, 'database unavailable');
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: { code: clientCode(error), message: clientMessage(error) } };
    } else {
      status = 500;
      body = {
        error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.' },
      };
      request.log.error({ err: error }, 'unhandled error');
    }
    reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `There is no ${request.method} ${request.url.split('?')[0]}.` },
    });
  });
}

function clientCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'BODY_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return error.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
  }
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request says it is JSON but the body is empty.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json.';
    default:
      // Plugins (e.g. @fastify/static's "Forbidden") may give a bare status text: say what it means.
      return /\s/.test(error.message)
        ? error.message
        : `The request was refused (${error.statusCode} ${STATUS_CODES[error.statusCode ?? 400]}). Check the URL against the API documentation at /docs.`;
  }
}

/**
 * Fastify's frameworkErrors: what goes wrong before routing, in the shape of every other error.
 * FST_ERR_BAD_URL is a %-escape that does not decode to UTF-8; FST_ERR_MAX_PARAM_LENGTH a path
 * segment longer than routerOptions.maxParamLength. (Fastify's own answers echo the whole path.)
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(414).send({
      error: {
        code: 'URL_TOO_LONG',
        message: 'A part of the URL path is too long. Check the link: ids are 22 characters.',
      },
    });
    return;
  }
  reply.status(400).send({
    error: {
      code: 'BAD_URL',
      message:
        'The URL is not valid: a %-escape in it does not decode to UTF-8 text. Percent-encode the URL as UTF-8.',
    },
  });
}

/**
 * Fastify's clientErrorHandler: requests Node's HTTP parser refuses before Fastify sees them
 * (broken framing, CR or LF in a header, oversized request line or headers). Same shape, then close.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'HEADERS_TOO_LARGE',
          'The request line and headers are too large (at most 16 KB). Shorten the URL or the headers.',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive. Send it again.']
        : [
            400,
            'MALFORMED_REQUEST',
            'The request is not valid HTTP/1.1: its request line, a header or its framing is broken.',
          ];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
