// A PostgreSQL server owned by one fault test: its own data directory, socket directory and port,
// so the test may stop it (fast or immediate), SIGKILL it and start it again without touching the
// machine's shared server. Uses the PostgreSQL 15 binaries of Debian's packages; as root it runs
// them as the `postgres` user (initdb and postgres refuse root).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
/** Debian installs each major version under /usr/lib/postgresql/<major>/bin: take the newest. */
function debianBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return join(root, newest, 'bin');
}
const BIN = process.env.PG_BIN_DIR ?? debianBinDir();
const asRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Why private PostgreSQL servers cannot run here, or null when they can. */
export function privatePostgresMissing(): string | null {
  if (!existsSync(join(BIN, 'pg_ctl')) || !existsSync(join(BIN, 'initdb')))
    return `no PostgreSQL binaries in ${BIN} (set PG_BIN_DIR)`;
  if (asRoot && !postgresUser()) return 'running as root but there is no "postgres" user to run them as';
  return null;
}

export type StopMode = 'smart' | 'fast' | 'immediate';

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:PORT/<database> (default "postgres"). */
  url(database?: string): string;
  /** pg_ctl stop: fast closes sessions with 57P01, immediate crashes like a power cut of the processes. */
  stop(mode: StopMode): Promise<void>;
  /** SIGKILL to the postmaster (its backends follow); start() recovers from the WAL. */
  kill(): Promise<void>;
  /** Starts the stopped server and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

export interface PrivatePostgresOptions {
  /**
   * true: fsync and synchronous commit on, as in production — for tests that crash the server and
   * count what survived. false: fsync off for speed, for tests whose fault is elsewhere.
   */
  durable: boolean;
}

export async function startPrivatePostgres(options: PrivatePostgresOptions): Promise<PrivatePostgres> {
  const missing = privatePostgresMissing();
  if (missing) throw new Error(`private PostgreSQL unavailable: ${missing}`);
  const root = mkdtempSync(join(tmpdir(), 'wc-faults-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const logFile = join(root, 'server.log');
  mkdirSync(socketDir);
  const owner = asRoot ? postgresUser() : null;
  if (owner) chownSync(root, owner.uid, owner.gid);
  if (owner) chownSync(socketDir, owner.uid, owner.gid);

  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, name), ...args]) : run(join(BIN, name), args);

  await tool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
    options.durable ? '-c fsync=on' : '-c fsync=off',
    options.durable ? '-c synchronous_commit=on' : '-c synchronous_commit=off',
    options.durable ? '-c full_page_writes=on' : '-c full_page_writes=off',
  ].join(' ');

  const start = async () => {
    await tool('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings]);
  };
  const postmasterPid = (): number | null => {
    try {
      return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  };
  const waitGone = async (pid: number) => {
    for (let i = 0; i < 600; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`postmaster ${pid} did not exit`);
  };

  await start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop(mode) {
      await tool('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60']);
    },
    async kill() {
      const pid = postmasterPid();
      if (!pid) throw new Error('private PostgreSQL is not running');
      process.kill(pid, 'SIGKILL');
      await waitGone(pid);
      // Its orphaned backends exit as soon as they notice; start() then recovers from the WAL.
    },
    start,
    async destroy() {
      const pid = postmasterPid();
      if (pid) {
        try {
          process.kill(pid, 'SIGQUIT');
          await waitGone(pid);
        } catch {
          // already gone
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
