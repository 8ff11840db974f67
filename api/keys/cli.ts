// `npm run keys -- <command>`: look at the key store and run the forgetting job by hand.
import { parseArgs } from 'node:util';
import { openServices } from '../boot.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { forgetExpired } from '../forgetting.ts';
import { chainSpecs } from './chains.ts';
import { periodLabel } from './periods.ts';

const HELP = `Usage: npm run keys -- <command>

Commands:
  status   list each key chain: cadence, oldest live period, what it guards, when that key dies
  forget   run the forgetting job now: drop dead keys, clear the links they guarded

Reads the same environment as npm start (DATA_DIR, KEYSTORE_PATH, DATABASE_URL, AUTHOR_LINK_DAYS, …).
`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }
  if (command !== 'status' && command !== 'forget') {
    process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
    return 1;
  }
  const config = loadConfig();
  const services = await openServices(config);
  try {
    if (command === 'forget') {
      const report = await forgetExpired(services);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const specs = chainSpecs(config);
      for (const spec of Object.values(specs)) {
        const live = services.keys.livePeriods(spec.name);
        const oldest = live[0];
        const line =
          oldest === undefined
            ? `${spec.name.padEnd(15)} ${spec.cadence.padEnd(6)} no live key`
            : `${spec.name.padEnd(15)} ${spec.cadence.padEnd(6)} oldest live ${periodLabel(spec.cadence, oldest)} ` +
              `(dies ${spec.expiresAt(oldest).toISOString()}), ${live.length} live — ${spec.why}`;
        process.stdout.write(`${line}\n`);
      }
      process.stdout.write(`key store: ${services.keys.path}\n`);
    }
    return 0;
  } finally {
    await services.db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      error instanceof ConfigError ? `Configuration error: ${error.message}\n` : `${error?.stack ?? error}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
