// `npm start`: the whole system on one machine. Embedded defaults (PGlite, in-memory counters,
// a DuckDB file under ./data) unless DATABASE_URL / REDIS_URL say otherwise.
import closeWithGrace from 'close-with-grace';
import { openServices } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { forgetExpired } from './forgetting.ts';
import { buildApp } from './server.ts';

const HOUR_MS = 3_600_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const started = Date.now();
  const services = await openServices(config, { log: (line) => process.stdout.write(`${line}\n`) });
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

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    clearInterval(forgetTimer);
    await app.close();
    await services.db.close();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  const base = address.replace('127.0.0.1', 'localhost');
  app.log.info(`ready in ${Date.now() - started} ms`);
  process.stdout.write(
    [
      '',
      `Watercooler is running (${services.db.kind === 'pg' ? 'PostgreSQL' : `PGlite in ${config.dataDir}/pg`}).`,
      `  API docs:        ${base}/docs`,
      `  Health:          ${base}/health`,
      `  Operator token:  ${config.secretsFromEnv.OPERATOR_TOKEN ? 'OPERATOR_TOKEN (environment)' : config.secretsPath}`,
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
