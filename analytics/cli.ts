// `npm run etl -- <command>`: the warehouse by hand. Reads the same environment as `npm start`
// (DATA_DIR, DATABASE_URL, WAREHOUSE_PATH, KEYSTORE_PATH, K_ANON, SENTIMENT_CAP, DP_EPSILON, …).
// DuckDB lets one process write the file: stop `npm start` first, or it holds the warehouse.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openServices } from '../api/boot.ts';
import { ConfigError, loadConfig } from '../api/config.ts';
import { EtlError, type EtlProgress, type EtlSummary, runEtl } from './etl/index.ts';
import { exportPublished } from './export.ts';
import { inspectWarehouse } from './inspect.ts';
import { publish } from './publish/index.ts';
import { openWarehouse } from './warehouse.ts';

const HELP = `Usage: npm run etl -- <command> [options]

Commands:
  etl                 load new and changed rows from PostgreSQL into the warehouse (incremental,
                      exactly once; a run interrupted at any point is finished by the next one)
    --rebuild         also re-derive every cell that can still honestly be re-derived: post cells
                      from the oldest live author-link day on, salary cells of live years. Cells
                      whose key has died are final and kept as they are (see analytics/README.md)
    --batch-size N    rows per claimed batch (default 25000)
  publish             rebuild the published tables from the facts as a new release (k-anonymity,
                      complementary suppression, bounded contributions, optional noise)
  export              write the published tables and the releases table to files
    --format F        parquet or csv (default parquet)
    --out DIR         directory to write to (required)
    --operator        include pub_bot_decisions_hourly (operators only)
  inspect             row counts, the last batch of each kind (the watermark), the last release,
                      rows waiting in PostgreSQL, and which periods are still open

Options:
  -h, --help          show this help
`;

function fail(message: string): never {
  throw new UsageError(message);
}

class UsageError extends Error {}

const LABELS: Record<EtlProgress['phase'], string> = {
  recover: 'finish interrupted batches',
  posts_load: 'posts',
  salaries_load: 'salary reports',
  bot_events_load: 'bot events',
  posts_unload: 'removed posts',
  salaries_unload: 'withdrawn reports',
  rebuild: 'rebuild open cells',
};

function progressBar(): { onProgress: (p: EtlProgress) => void; stop: () => void } {
  const bars = new cliProgress.MultiBar(
    {
      format: ' {label} [{bar}] {value}/{total}',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const byPhase = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(p) {
      let bar = byPhase.get(p.phase);
      if (!bar) {
        bar = bars.create(Math.max(1, p.total), 0, { label: LABELS[p.phase].padEnd(26) });
        byPhase.set(p.phase, bar);
      }
      bar.setTotal(Math.max(1, p.total));
      bar.update(p.done);
    },
    stop: () => bars.stop(),
  };
}

function printSummary(summary: EtlSummary): void {
  const line = (label: string, value: unknown) => process.stdout.write(`  ${label.padEnd(46)} ${value}\n`);
  process.stdout.write('\nETL summary\n');
  for (const [what, counts] of [
    ['posts', summary.posts],
    ['salary reports', summary.salaries],
  ] as const) {
    line(`${what} loaded`, counts.loaded);
    line(`${what} removed`, counts.removed);
    line(`${what} skipped: deleted before load`, counts.deleted);
    line(`${what} skipped: no company cell`, counts.noCompany);
    line(`${what} skipped: link already dead`, counts.unattributable);
    line(`${what} skipped: cells already closed`, counts.closed);
    if (counts.unconvertibleCurrency) line(`${what} skipped: unknown currency`, counts.unconvertibleCurrency);
    if (counts.unremovable) line(`${what} not removable (link/key dead)`, counts.unremovable);
  }
  line('bot events loaded', summary.botEvents.loaded);
  line('batches', `${summary.batches} (${summary.recoveredBatches} finished from an interrupted run)`);
  line('salary tombstones deleted', summary.tombstonesDeleted);
  line('author boxes cleared', summary.authorBoxesCleared);
  if (summary.rebuild) {
    line('rebuild: post cells from', summary.rebuild.postCellsFrom);
    line('rebuild: salary key years', summary.rebuild.salaryKeyYears.join(', ') || 'none');
    line('rebuild: rows replaced', summary.rebuild.rowsDeleted);
    line('rebuild: enrichment changed', summary.rebuild.enrichmentChanged);
  }
  line(
    'time',
    `${(summary.totalMs / 1000).toFixed(1)} s (${Object.entries(summary.stagesMs)
      .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')})`,
  );
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      rebuild: { type: 'boolean' },
      'batch-size': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      operator: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }
  if (!['etl', 'publish', 'export', 'inspect'].includes(command)) fail(`Unknown command "${command}".`);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1_000_000))
    fail('--batch-size must be a whole number from 1 to 1000000.');
  const format = values.format ?? 'parquet';
  if (command === 'export') {
    if (format !== 'parquet' && format !== 'csv') fail('--format must be parquet or csv.');
    if (!values.out) fail('export needs --out DIR.');
  }

  const config = loadConfig();
  const services = await openServices(config);
  const warehouse = await openWarehouse(config.warehousePath);
  try {
    if (command === 'etl') {
      const bar = process.stdout.isTTY ? progressBar() : undefined;
      try {
        const summary = await runEtl({
          ...services,
          warehouse,
          batchSize,
          rebuild: values.rebuild,
          onProgress: bar?.onProgress,
        });
        bar?.stop();
        printSummary(summary);
      } finally {
        bar?.stop();
      }
    } else if (command === 'publish') {
      const release = await publish({ warehouse, clock: services.clock, config });
      process.stdout.write(`${JSON.stringify(release, null, 2)}\n`);
    } else if (command === 'export') {
      const files = await exportPublished(warehouse.connection, {
        format: format as 'parquet' | 'csv',
        outDir: values.out!,
        operator: values.operator,
      });
      for (const file of files) process.stdout.write(`${file.path}  ${file.rows} rows\n`);
    } else {
      const inspection = await inspectWarehouse(warehouse, services.db, services.keys);
      process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
    }
    return 0;
  } finally {
    warehouse.close();
    await services.db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${HELP}`);
      process.exit(1);
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof EtlError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      process.exit(3);
    }
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
