// A fresh, migrated database per test file: a new database on the real PostgreSQL named by
// TEST_DATABASE_URL (CI), or an in-memory PGlite otherwise. Test files never share one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../api/db/index.ts';
import type { Db } from '../../api/db/db.ts';
import { openPgDb } from '../../api/db/pg.ts';
import { openPgliteDb } from '../../api/db/pglite.ts';

export interface TestDb extends Db {
  /** The connection string of this test database, when it is a real PostgreSQL. */
  readonly url: string | undefined;
}

export async function openTestDb(): Promise<TestDb> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openPgliteDb();
    await migrate(db);
    return Object.assign(db, { url: undefined });
  }
  const name = `wc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPgDb(url.toString(), { max: 5 });
  await migrate(db);
  const close = db.close;
  return Object.assign(db, {
    url: url.toString(),
    async close() {
      await close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  });
}
