// `npm run etl -- …` end to end in a child process: etl, publish, export (Parquet and CSV, published
// tables only), inspect, and usage errors.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../api/clock.ts';
import { loadConfig } from '../../api/config.ts';
import { type Db, migrate } from '../../api/db/index.ts';
import { openPgliteDb } from '../../api/db/pglite.ts';
import { chainSpecs } from '../../api/keys/chains.ts';
import { KeyStore } from '../../api/keys/keystore.ts';
import { openWarehouse } from '../../analytics/warehouse.ts';
import { openTestDb } from '../support/db.ts';
import { seedWorld } from './support/seed.ts';

const CLI = fileURLToPath(new URL('../../analytics/cli.ts', import.meta.url));
const run = promisify(execFile);

describe('analytics CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-cli-'));
  let env: Record<string, string>;
  let db: Db | undefined;
  let posts = 0;

  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
        env: { ...process.env, ...env },
      });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout + failed.stderr };
    }
  };

  beforeAll(async () => {
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const config = loadConfig(env);
    const keys = KeyStore.open(config.keystorePath, chainSpecs(config), systemClock, {
      genesis: new Date(Date.now() - 40 * 86_400_000),
    });
    if (process.env.TEST_DATABASE_URL) {
      const testDb = await openTestDb();
      env.DATABASE_URL = testDb.url!;
      db = testDb;
    } else {
      db = await openPgliteDb(`${dataDir}/pg`);
      await migrate(db);
    }
    const world = await seedWorld(db, keys, {
      companies: ['acme', 'globex'],
      people: 6,
      from: new Date(Date.now() - 20 * 86_400_000),
    });
    posts = world.posts.length;
    if (!process.env.TEST_DATABASE_URL) {
      await db.close();
      db = undefined;
    }
  }, 240_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints its help and refuses bad usage', { timeout: 240_000 }, async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('export');
    expect((await cli('vacuum')).code).toBe(1);
    expect((await cli('export', '--format', 'xml', '--out', dataDir)).stdout).toContain(
      '--format must be parquet or csv',
    );
    expect((await cli('etl', '--batch-size', '0')).code).toBe(1);
  });

  it('loads, publishes, exports the published tables and inspects the warehouse', async () => {
    const etl = await cli('etl', '--batch-size', '10');
    expect(etl.code).toBe(0);
    expect(etl.stdout).toMatch(new RegExp(`posts loaded\\s+${posts}`));
    const release = await cli('publish');
    expect(JSON.parse(release.stdout)).toMatchObject({ releaseId: 1 });
    const out = join(dataDir, 'export');
    const parquet = await cli('export', '--format', 'parquet', '--out', out);
    expect(parquet.code).toBe(0);
    expect(existsSync(join(out, 'pub_sentiment_weekly.parquet'))).toBe(true);
    expect(existsSync(join(out, 'pub_bot_decisions_hourly.parquet'))).toBe(false);
    expect(existsSync(join(out, 'fact_sentiment_week.parquet'))).toBe(false);
    const csv = await cli('export', '--format', 'csv', '--out', out, '--operator');
    expect(existsSync(join(out, 'pub_bot_decisions_hourly.csv'))).toBe(true);
    expect(csv.stdout).toContain('releases.csv');

    const reader = await openWarehouse(join(dataDir, 'reader.duckdb'));
    try {
      const rows = (
        await reader.connection.runAndReadAll(
          `SELECT count(*) AS n, count(DISTINCT release_id) AS r FROM read_parquet('${join(out, 'pub_salary_by_company.parquet')}')`,
        )
      ).getRowObjectsJS();
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
      expect(Number(rows[0]!.r)).toBe(1);
    } finally {
      reader.close();
    }

    const inspect = JSON.parse((await cli('inspect')).stdout);
    expect(inspect.tables.fact_sentiment_week).toBeGreaterThan(0);
    expect(inspect.lastBatches.map((b: { kind: string }) => b.kind)).toEqual(
      expect.arrayContaining(['posts_load', 'salaries_load']),
    );
    expect(inspect.claimsInFlight).toBe(0);
    expect(inspect.lastRelease.release_id).toBe(1);
  }, 600_000);
});
