// The newcomer's path: the real `npm start` entry on a fresh DATA_DIR (embedded PGlite, demo data,
// first warehouse build), then /health, a dashboard and a data table, then SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('npm start on a fresh machine', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-start-'));
  let child: ChildProcess;
  let output = '';
  let base = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        DEMO_POSTS: '1500',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 240_000;
    while (!base && Date.now() < deadline) {
      const match = /Health:\s+(http:\/\/\S+)\/health/.exec(output);
      if (match) base = match[1]!;
      else await new Promise((resolve) => setTimeout(resolve, 250));
      if (child.exitCode !== null) break;
    }
    if (!base) throw new Error(`npm start did not come up:\n${output}`);
  }, 300_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where things are and serves /health', async () => {
    expect(output).toMatch(/Demo data: 1500 posts/);
    expect(output).toMatch(/Operator dashboard:\s+http/);
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('serves a dashboard page and a published table built from the demo data', async () => {
    const page = await fetch(`${base}/dashboards/salaries`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const table = await fetch(`${base}/v1/data/pub_sentiment_weekly?format=csv`);
    expect(table.status).toBe(200);
    const lines = (await table.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^company_slug,/);
    expect(lines.length).toBeGreaterThan(10);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
