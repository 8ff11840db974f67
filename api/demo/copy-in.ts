// COPY … FROM STDIN on a `pg` client without another package: `client.query()` accepts any object
// with submit() (pg's "Submittable"), and pg already speaks the protocol's copy messages
// (Connection.sendCopyFromChunk / endCopyFrom); this hands it the bytes. Text format only.
import type pg from 'pg';

/** The parts of pg's Connection this needs (it is not in @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyIn {
  readonly text: string;
  readonly #chunks: readonly Buffer[];
  readonly #settle: { resolve: () => void; reject: (error: Error) => void };
  #settled = false;

  constructor(
    text: string,
    chunks: readonly Buffer[],
    settle: { resolve: () => void; reject: (error: Error) => void },
  ) {
    this.text = text;
    this.#chunks = chunks;
    this.#settle = settle;
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.#chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleError(error: Error): void {
    this.#finish(error);
  }

  handleReadyForQuery(): void {
    this.#finish(null);
  }

  // Messages a COPY FROM never gets an answer with; pg calls them only if the server sends them.
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  #finish(error: Error | null): void {
    if (this.#settled) return;
    this.#settled = true;
    if (error) this.#settle.reject(error);
    else this.#settle.resolve();
  }
}

/** Runs `COPY table (columns) FROM STDIN` with `chunks` as the data (text format, rows ending in \n). */
export function copyFrom(client: pg.Client, sql: string, chunks: readonly Buffer[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.query(new CopyIn(sql, chunks, { resolve, reject }) as unknown as pg.QueryConfig);
  });
}
