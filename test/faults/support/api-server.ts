// The real `npm start` entry (api/main.ts) as a child process on a temp DATA_DIR, with the
// environment a fault test gives it (a private PostgreSQL, a private Redis), no demo data.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Exit, spawnTsx } from './tsx-process.ts';

export interface ApiServer {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGKILL if still running, and remove DATA_DIR. */
  destroy(): Promise<void>;
}

export async function startApiServer(env: Record<string, string>): Promise<ApiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-faults-api-'));
  const server = spawnTsx('api/main.ts', [], {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    DEMO_POSTS: '0',
    REDIS_URL: '',
    NODE_ENV: '',
    ...env,
  });
  const { child } = server;
  const running = () => child.exitCode === null && child.signalCode === null;
  const destroy = async () => {
    if (running()) {
      child.kill('SIGKILL');
      await server.done;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let base = '';
  const deadline = Date.now() + 120_000;
  while (!base && Date.now() < deadline && running()) {
    const match = /Health:\s+(http:\/\/\S+)\/health/.exec(server.output());
    if (match) base = match[1]!.replace('localhost', '127.0.0.1');
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!base) {
    const output = server.output();
    await destroy();
    throw new Error(`api/main.ts did not come up:\n${output}`);
  }
  return { base, dataDir, child, exited: server.done, output: server.output, destroy };
}
