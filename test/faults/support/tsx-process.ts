// One of the project's TypeScript entry points as a child process: `node --import tsx FILE`, a
// single process, so a signal (SIGTERM, SIGKILL) hits the process that holds the port and the files
// (npx would leave a grandchild behind).
import { type ChildProcess, spawn } from 'node:child_process';

export interface Exit {
  /** Exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything it printed. */
  output: string;
  /** Wall-clock ms when it was gone. */
  at: number;
}

export interface TsxProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  readonly done: Promise<Exit>;
}

export function spawnTsx(file: string, args: readonly string[], env: Record<string, string>): TsxProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, output, at: Date.now() })),
  );
  return { child, output: () => output, done };
}

/** Runs it to the end; throws with its output unless it exits 0. */
export async function runTsx(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  const { code, signal, output } = await spawnTsx(file, args, env).done;
  if (code !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${code ?? signal}:\n${output}`);
  return output;
}
