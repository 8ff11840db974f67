// What every CLI does with its arguments (npm run demo, report, adversarial): parse them, refuse an
// unknown or malformed option with the message and the usage on stderr (exit code 2), and print
// the usage for --help / -h (exit code 0).
import { parseArgs } from 'node:util';

type OptionValues = Record<string, string | boolean | undefined>;
type Options = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

/** The option values, or the exit code when the program should stop here. */
export function parseCommandLine(
  options: Options,
  usage: string,
  args: string[] = process.argv.slice(2),
): OptionValues | number {
  let values: OptionValues;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  return values;
}
