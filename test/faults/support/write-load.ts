// A steady write load over real HTTP: each client (one session) opens a thread, replies in it a
// few times, opens the next, and so on, without stopping for failures. Every answer is classified
// and time-stamped, so a fault test can say which writes were acknowledged (2xx with an id), which
// were refused properly (503 with Retry-After and a JSON error) and which were not.
import { HEADERS } from '../../support/personas.ts';

export type OutcomeKind =
  /** 201 with the new id: the server promised this write. */
  | 'acknowledged'
  /** 503 with Retry-After and {"error":{"code","message"}}. */
  | 'unavailable'
  /** The connection was refused or closed before an answer (server gone). */
  | 'refused'
  /** No answer within the bound. */
  | 'timeout'
  /** Anything else: a 500, a 503 without Retry-After, a 4xx, a body that is not the error shape. */
  | 'wrong';

export interface Outcome {
  kind: OutcomeKind;
  /** Wall-clock ms when the request was sent and when its outcome was known. */
  sentAt: number;
  doneAt: number;
  status?: number;
  detail?: string;
}

export interface WriteLoadReport {
  /** Ids of threads and posts the server acknowledged. */
  threadIds: string[];
  postIds: string[];
  outcomes: Outcome[];
  count(kind: OutcomeKind, from?: number, to?: number): number;
  /** When the first write acknowledged after `at` was answered, or null. */
  firstAcknowledgedAfter(at: number): number | null;
}

export interface WriteLoad {
  /** The report so far (the load goes on). */
  snapshot(): WriteLoadReport;
  /** Resolves once `n` more writes have been acknowledged after this call. */
  acknowledgedMore(n: number, timeoutMs?: number): Promise<void>;
  /** Stops the clients after their requests in flight and returns the report. */
  stop(): Promise<WriteLoadReport>;
}

export interface WriteLoadOptions {
  base: string;
  /** One session per client. */
  tokens: readonly string[];
  /** Pause between one client's requests. */
  pauseMs?: number;
  /** The longest a request may take before it counts as a hang. */
  timeoutMs?: number;
}

/** Replies a client writes in a thread before it opens the next. */
const REPLIES_PER_THREAD = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRefusal(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(cause?.code ?? '');
}

interface Classified {
  kind: OutcomeKind;
  /** The new thread's or post's id; for a thread also its opening post's. */
  id?: string;
  openingPostId?: string;
  detail?: string;
}

async function classify(response: Response): Promise<Classified> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'wrong', detail: `not JSON: ${text.slice(0, 200)}` };
  }
  if (response.status === 201) {
    const created = body as { id?: unknown; post?: { id?: unknown } };
    if (typeof created.id === 'string')
      return {
        kind: 'acknowledged',
        id: created.id,
        openingPostId: typeof created.post?.id === 'string' ? created.post.id : undefined,
      };
    return { kind: 'wrong', detail: `201 without an id: ${text.slice(0, 200)}` };
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  const wellFormed = typeof error?.code === 'string' && typeof error.message === 'string';
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 503 && wellFormed && Number.isFinite(retryAfter) && retryAfter > 0)
    return { kind: 'unavailable' };
  return {
    kind: 'wrong',
    detail: `${response.status} ${response.headers.get('retry-after') ?? '-'} ${text.slice(0, 200)}`,
  };
}

function report(threadIds: string[], postIds: string[], outcomes: Outcome[]): WriteLoadReport {
  return {
    threadIds: [...threadIds],
    postIds: [...postIds],
    outcomes: [...outcomes],
    count: (kind, from = 0, to = Number.POSITIVE_INFINITY) =>
      outcomes.filter((o) => o.kind === kind && o.doneAt >= from && o.doneAt <= to).length,
    firstAcknowledgedAfter(at) {
      const times = outcomes.filter((o) => o.kind === 'acknowledged' && o.doneAt >= at).map((o) => o.doneAt);
      return times.length > 0 ? Math.min(...times) : null;
    },
  };
}

export function startWriteLoad(options: WriteLoadOptions): WriteLoad {
  const pauseMs = options.pauseMs ?? 25;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const threadIds: string[] = [];
  const postIds: string[] = [];
  const outcomes: Outcome[] = [];
  const waiters: { target: number; resolve: () => void }[] = [];
  let acknowledged = 0;
  let running = true;

  const note = (outcome: Outcome) => {
    outcomes.push(outcome);
    if (outcome.kind !== 'acknowledged') return;
    acknowledged += 1;
    for (const waiter of waiters.filter((w) => acknowledged >= w.target)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  async function client(token: string, index: number): Promise<void> {
    let thread: string | null = null;
    let replies = 0;
    let serial = 0;
    while (running) {
      serial += 1;
      const opening = thread === null || replies >= REPLIES_PER_THREAD;
      const url = opening ? `${options.base}/v1/threads` : `${options.base}/v1/threads/${thread}/posts`;
      const text = `Fault drill write ${serial} from client ${index}: the coffee machine on floor three is broken again.`;
      const payload = opening
        ? { title: `Fault drill thread ${index}.${serial}`, body: text }
        : { body: text };
      const sentAt = Date.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            ...HEADERS.mobileApp,
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const { kind, id, openingPostId, detail } = await classify(response);
        if (kind === 'acknowledged' && id) {
          if (opening) {
            threadIds.push(id);
            if (openingPostId) postIds.push(openingPostId);
            thread = id;
            replies = 0;
          } else {
            postIds.push(id);
            replies += 1;
          }
        }
        note({ kind, sentAt, doneAt: Date.now(), status: response.status, detail });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        note({
          kind: timedOut ? 'timeout' : isRefusal(error) ? 'refused' : 'wrong',
          sentAt,
          doneAt: Date.now(),
          detail: String((error as { cause?: unknown }).cause ?? error),
        });
      }
      await sleep(pauseMs);
    }
  }

  const clients = options.tokens.map((token, index) => client(token, index));
  return {
    snapshot: () => report(threadIds, postIds, outcomes),
    acknowledgedMore(n, timeout = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fewer than ${n} writes acknowledged within ${timeout} ms`)),
          timeout,
        );
        waiters.push({
          target: acknowledged + n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async stop() {
      running = false;
      await Promise.all(clients);
      return report(threadIds, postIds, outcomes);
    },
  };
}
