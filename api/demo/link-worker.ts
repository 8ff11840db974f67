// The link worker: a worker thread of the COPY path (api/demo/generate.ts with a databaseUrl). The
// main thread chooses every row of a week and hands them over as plain columns; here they get their
// author and reporter links (api/demo/links.ts, through the API's own helpers and a KeyStore opened
// on the same key file) and go to PostgreSQL by COPY in the load's one transaction
// (api/demo/bulk-load.ts): the server takes in week n while week n + 1 is linked here and the main
// thread builds week n + 2. Messages are handled one at a time, in order, each answered with one
// reply (api/demo/link-worker-client.ts); a week's reply means it is linked and on its way.
import { parentPort, workerData } from 'node:worker_threads';
import { ManualClock } from '../clock.ts';
import { chainSpecs } from '../keys/chains.ts';
import { KeyStore } from '../keys/keystore.ts';
import { BulkLoad } from './bulk-load.ts';
import { Linker, type PendingWeek, type WeekRows, weekInOrder } from './links.ts';

export interface LinkWorkerSetup {
  keystoreDir: string;
  authorLinkDays: number;
  etlGraceDays: number;
  databaseUrl: string;
  batchSize: number;
}

export type LinkWorkerRequest =
  | { kind: 'open' }
  | { kind: 'week'; week: PendingWeek }
  | { kind: 'finish' }
  | { kind: 'abort' };

export type LinkWorkerReply =
  | { kind: 'ok'; result?: unknown }
  | { kind: 'error'; name: string; message: string; stack?: string };

const port = parentPort;
if (port) {
  const setup = workerData as LinkWorkerSetup;
  const clock = new ManualClock(0);
  const keys = KeyStore.open(setup.keystoreDir, chainSpecs(setup), clock);
  const linker = new Linker(keys, clock);
  let load: BulkLoad | null = null;
  // The week being written: the server takes it in while the next one is linked here.
  let writing: Promise<void> = Promise.resolve();

  const writeWeek = async (rows: WeekRows) => {
    for (const set of weekInOrder(rows)) await load!.write(set);
  };

  const handle = async (request: LinkWorkerRequest): Promise<unknown> => {
    switch (request.kind) {
      case 'open':
        load = await BulkLoad.open(setup.databaseUrl, setup.batchSize);
        return undefined;
      case 'week': {
        const rows = linker.link(request.week);
        // At most one week in flight; a failed write fails the next request.
        await writing;
        writing = writeWeek(rows);
        writing.catch(() => {});
        return undefined;
      }
      case 'finish':
        await writing;
        return load!.finish();
      case 'abort':
        await writing.catch(() => {});
        await load?.abort();
        return undefined;
    }
  };

  let queue = Promise.resolve();
  port.on('message', (request: LinkWorkerRequest) => {
    queue = queue.then(async () => {
      try {
        const result = await handle(request);
        port.postMessage({ kind: 'ok', result } satisfies LinkWorkerReply);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({
          kind: 'error',
          name: e.name,
          message: e.message,
          stack: e.stack,
        } satisfies LinkWorkerReply);
      }
    });
  });
}
