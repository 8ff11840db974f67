// The ETL on a schedule inside `npm start`: every ETL_INTERVAL an incremental run, then a release.
// Runs never overlap; a failed run is logged and retried at the next tick (its claimed batches are
// finished first, see etl/index.ts). The warehouse handle is the one the dashboards read from.
import type { Services } from '../api/services.ts';
import { type EtlSummary, runEtl } from './etl/index.ts';
import { type PublishSummary, publish } from './publish/index.ts';
import type { Warehouse } from './warehouse.ts';

export interface EtlSchedule {
  /** Runs one ETL + publish now (or waits for the one under way) and returns its result. */
  runNow(): Promise<{ etl: EtlSummary; release: PublishSummary } | null>;
  stop(): Promise<void>;
}

export function startEtlSchedule(options: {
  services: Services;
  warehouse: Warehouse;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  intervalSeconds?: number;
}): EtlSchedule {
  const { services, warehouse, log } = options;
  let running: Promise<{ etl: EtlSummary; release: PublishSummary } | null> | null = null;
  let stopped = false;

  const once = async () => {
    const etl = await runEtl({ ...services, warehouse });
    const release = await publish({ warehouse, clock: services.clock, config: services.config });
    log.info({ etl: { ...etl, stagesMs: undefined }, release }, 'warehouse ETL and release done');
    return { etl, release };
  };
  const runNow = () => {
    if (stopped) return Promise.resolve(null);
    if (!running) {
      running = once()
        .catch((err: unknown) => {
          log.error({ err }, 'warehouse ETL failed; it will resume at the next run');
          return null;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const timer = setInterval(
    () => void runNow(),
    (options.intervalSeconds ?? services.config.etlIntervalSeconds) * 1000,
  );
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
