// Page cursors (S4): opaque base64url tokens holding a listing's keyset position, the depth of the
// page they lead to and an expiry one hour ahead of the clock. Encrypt-then-MAC under CURSOR_SECRET:
// AES-256-CTR hides the keyset (it holds exact times, which P1 keeps private) and HMAC-SHA256 makes
// them unforgeable, so a scraper can neither skip ahead nor page deeper than MAX_PAGE_DEPTH.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { badRequest } from '../errors.ts';
import { keyedHash } from '../keys/crypto.ts';

/** Deepest page any listing serves; its last page hands out no cursor (api/forum/paging.ts). */
export const MAX_PAGE_DEPTH = 10;
export const CURSOR_TTL_MS = 3_600_000;
/** Upper bound on a token's length, for request schemas. */
export const CURSOR_MAX_LENGTH = 512;

const VERSION = 1;
const IV_BYTES = 16;
const MAC_BYTES = 32;

/** A keyset position: the sort key of the last item served, e.g. [lastPostAtMs, id] or [position]. */
export type Keyset = readonly (string | number)[];

export interface OpenedCursor {
  keyset: Keyset;
  /** Depth of the page this cursor leads to (the first page, without a cursor, is 1). */
  depth: number;
}

interface Payload {
  s: string;
  k: Keyset;
  d: number;
  e: number;
}

const invalid = () =>
  badRequest(
    'INVALID_CURSOR',
    'This cursor is not one we issued or it was altered. Request the first page again without a cursor.',
  );

export class Cursors {
  readonly #encryptKey: Buffer;
  readonly #signKey: Buffer;
  readonly #clock: Clock;

  constructor(secret: string, clock: Clock) {
    this.#encryptKey = keyedHash(secret, 'cursor-encrypt');
    this.#signKey = keyedHash(secret, 'cursor-sign');
    this.#clock = clock;
  }

  /** A cursor to page `depth` of the listing `scope` (e.g. "threads:general"). */
  issue(scope: string, keyset: Keyset, depth: number): string {
    const payload: Payload = {
      s: scope,
      k: keyset,
      d: depth,
      e: this.#clock.now().getTime() + CURSOR_TTL_MS,
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-ctr', this.#encryptKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    const head = Buffer.concat([Buffer.from([VERSION]), iv, body]);
    return Buffer.concat([head, this.#mac(head)]).toString('base64url');
  }

  /** Opens a cursor for `scope`; 400 with a readable message when forged, expired, foreign or too deep. */
  open(token: string, scope: string): OpenedCursor {
    if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length > CURSOR_MAX_LENGTH) throw invalid();
    const raw = Buffer.from(token, 'base64url');
    // One spelling per cursor: the decoder ignores the spare bits of the last character (and any
    // padding), so without this several tokens would open as the same cursor.
    if (raw.toString('base64url') !== token) throw invalid();
    if (raw.length < 1 + IV_BYTES + 1 + MAC_BYTES || raw[0] !== VERSION) throw invalid();
    const head = raw.subarray(0, raw.length - MAC_BYTES);
    if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), this.#mac(head))) throw invalid();
    const decipher = createDecipheriv('aes-256-ctr', this.#encryptKey, head.subarray(1, 1 + IV_BYTES));
    const json = Buffer.concat([decipher.update(head.subarray(1 + IV_BYTES)), decipher.final()]).toString(
      'utf8',
    );
    let payload: Payload;
    try {
      payload = JSON.parse(json) as Payload;
    } catch {
      throw invalid();
    }
    if (payload.s !== scope)
      throw badRequest(
        'INVALID_CURSOR',
        'This cursor belongs to a different listing. Use the nextCursor of the same listing, or start without one.',
      );
    if (payload.e <= this.#clock.now().getTime())
      throw badRequest(
        'CURSOR_EXPIRED',
        'This cursor has expired: cursors last one hour. Request the first page again without a cursor.',
      );
    if (!Number.isInteger(payload.d) || payload.d < 2) throw invalid();
    if (payload.d > MAX_PAGE_DEPTH) throw tooDeep();
    return { keyset: payload.k, depth: payload.d };
  }

  #mac(data: Buffer): Buffer {
    return createHmac('sha256', this.#signKey).update(data).digest();
  }
}

export const tooDeep = () =>
  badRequest(
    'PAGE_DEPTH_EXCEEDED',
    `Listings stop after ${MAX_PAGE_DEPTH} pages. Narrow the listing instead (for example one company's board).`,
  );
