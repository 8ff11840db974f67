// The main thread's side of the link worker (api/demo/link-worker.ts): starts it, sends it weeks,
// and turns its replies back into promises, in order. The worker runs TypeScript through tsx's
// loader, registered inside the worker, so it starts the same under tsx, vitest or a build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BulkLoadReport } from './bulk-load.ts';
import type { LinkWorkerReply, LinkWorkerRequest, LinkWorkerSetup } from './link-worker.ts';
import type { PendingWeek } from './links.ts';
import { DemoSetupError } from './setup-error.ts';

/** tsx's ESM API (its `import` export of ./esm/api), as a file URL the worker can import. */
function tsxApiUrl(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class LinkWorker {
  readonly #worker: Worker;
  readonly #waiting: Waiting[] = [];
  #failure: Error | null = null;

  private constructor(setup: LinkWorkerSetup) {
    const entry = new URL('./link-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    this.#worker = new Worker(boot, {
      eval: true,
      workerData: setup,
      // Linking allocates many short-lived buffers and strings: a larger young generation collects them for less.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    this.#worker.on('message', (reply: LinkWorkerReply) => {
      const waiting = this.#waiting.shift();
      if (!waiting) return;
      if (reply.kind === 'ok') waiting.resolve(reply.result);
      else waiting.reject(revive(reply));
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const waiting of this.#waiting.splice(0)) waiting.reject(error);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the link worker stopped (exit code ${code})`)));
  }

  /** Starts the worker and the load's transaction. */
  static async start(setup: LinkWorkerSetup): Promise<LinkWorker> {
    const worker = new LinkWorker(setup);
    try {
      await worker.#request({ kind: 'open' });
    } catch (error) {
      await worker.#worker.terminate();
      throw error;
    }
    return worker;
  }

  /** Links and writes one week; resolves once it is linked and the week before it is written. */
  write(week: PendingWeek): Promise<void> {
    return this.#request({ kind: 'week', week }) as Promise<void>;
  }

  /** Makes the deferred indexes and keys, commits, and stops the worker. */
  async finish(): Promise<BulkLoadReport> {
    const report = (await this.#request({ kind: 'finish' })) as BulkLoadReport;
    await this.#worker.terminate();
    return report;
  }

  /** Rolls the load back and stops the worker. */
  async abort(): Promise<void> {
    await this.#request({ kind: 'abort' }).catch(() => {});
    await this.#worker.terminate();
  }

  #request(request: LinkWorkerRequest): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#worker.postMessage(request);
    });
  }
}

function revive(reply: Extract<LinkWorkerReply, { kind: 'error' }>): Error {
  const error =
    reply.name === 'DemoSetupError' ? new DemoSetupError(reply.message) : new Error(reply.message);
  if (reply.stack) error.stack = reply.stack;
  return error;
}
