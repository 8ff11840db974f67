// autocannon is CommonJS without types; this is the part of its API the benchmarks use.
import { createRequire } from 'node:module';

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: { setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
  method?: string;
  headers?: Record<string, string>;
}

export const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;

/** A run whose answers were not all 2xx measured something else: refuse to report it. */
export function assertAllOk(label: string, result: AutocannonResult): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(${JSON.stringify(result.statusCodeStats ?? {})}) — the figure would be meaningless`,
    );
}
