// A Redis server owned by one fault test (own port, no persistence), so the test may stop, SIGKILL
// and restart it without touching the machine's shared Redis.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

const BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Why a private Redis cannot run here, or null when it can. */
export function privateRedisMissing(): string | null {
  try {
    execFileSync(BIN, ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return `no ${BIN} on PATH (set REDIS_SERVER_BIN)`;
  }
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing) and waits until it answers. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function waitForReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server on ${port} did not start:\n${output}`)),
      15_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on ${port} exited with ${code}:\n${output}`));
    });
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const missing = privateRedisMissing();
  if (missing) throw new Error(`private Redis unavailable: ${missing}`);
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = async () => {
    const next = spawn(
      BIN,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'notice',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = next;
    await waitForReady(next, port);
  };
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    destroy: () => end('SIGKILL'),
  };
}
