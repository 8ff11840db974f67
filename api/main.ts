// `npm start`: the whole system on one machine — API, dashboards, the warehouse ETL on a schedule
// and the forgetting job. Embedded defaults (PGlite, in-memory counters, a DuckDB file under
// ./data, demo data on an empty database) unless DATABASE_URL / REDIS_URL say otherwise.
import closeWithGrace from 'close-with-grace';
import { startEtlSchedule } from '../analytics/schedule.ts';
import { openWarehouse } from '../analytics/warehouse.ts';
import { openServices } from './boot.ts';
import { systemClock } from './clock.ts';
import { seedCompanies } from './companies/seed.ts';
import { ConfigError, type Config, loadConfig } from './config.ts';
import { fillEmptyForum, isEmptyForum } from './first-start.ts';
import { forgetExpired } from './forgetting.ts';
import { chainSpecs } from './keys/chains.ts';
import { KeyStore } from './keys/keystore.ts';
import { buildApp } from './server.ts';
import type { Services } from './services.ts';

const HOUR_MS = 3_600_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const started = Date.now();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let services: Services = await openServices(config, { log: say });
  const warehouse = await openWarehouse(config.warehousePath);

  if (!config.production && (await isEmptyForum(services.db))) {
    if (config.demoPosts > 0) {
      say(`Empty database: writing ${config.demoPosts} demo posts over two years (DEMO_POSTS=0 to skip)…`);
      const demo = await fillEmptyForum({
        config,
        db: services.db,
        secrets: services.secrets,
        warehouse,
        now: systemClock.now(),
        showProgress: process.stdout.isTTY === true,
      });
      say(
        `Demo data: ${demo.posts} posts, ${demo.salaries} salary reports, ${demo.etlRuns} warehouse runs in ${demo.ms} ms.`,
      );
      // The demo reached back two years with its own key store; reopen it on the real clock.
      services = { ...services, keys: KeyStore.open(config.keystorePath, chainSpecs(config), systemClock) };
    } else {
      const added = await seedCompanies(services.db, services.clock, services.random);
      say(`Empty database: added ${added} fictional companies.`);
    }
  }

  const app = await buildApp(services);
  const forget = async () => {
    const report = await forgetExpired(services);
    app.log.info({ forgetting: report }, 'forgetting job ran');
  };
  await forget();
  const forgetTimer = setInterval(
    () => void forget().catch((err) => app.log.error({ err }, 'forgetting job failed')),
    HOUR_MS,
  );
  forgetTimer.unref();
  const etl = startEtlSchedule({ services, warehouse, log: app.log });

  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: finishing requests in flight');
    clearInterval(forgetTimer);
    await app.close(); // stops accepting, lets in-flight requests (and their writes) finish
    await etl.stop();
    warehouse.close();
    await services.db.close();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  void etl.runNow();
  const base = address.replace('127.0.0.1', 'localhost');
  app.log.info(`ready in ${Date.now() - started} ms`);
  say(
    [
      '',
      `Watercooler is running (${services.db.kind === 'pg' ? 'PostgreSQL' : `PGlite in ${config.dataDir}/pg`}; ` +
        `rate-limit counters ${config.redisUrl ? 'in Redis' : 'in memory'}; warehouse ${config.warehousePath}).`,
      `  API docs:             ${base}/docs`,
      `  Health:               ${base}/health`,
      `  Salary dashboard:     ${base}/dashboards/salaries`,
      `  Sentiment dashboard:  ${base}/dashboards/sentiment`,
      `  Operator dashboard:   ${base}/dashboards/operator`,
      `  Data dictionary:      ${base}/v1/data`,
      `  Operator token:       ${config.secretsFromEnv.OPERATOR_TOKEN ? 'OPERATOR_TOKEN (environment)' : `"OPERATOR_TOKEN" in ${config.secretsPath}`}`,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(
    `Watercooler failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
