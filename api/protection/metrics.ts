// Prometheus metrics of the scraper defence, in the text exposition format (version 0.0.4)
// written here rather than pulled in as a dependency: counters, one latency histogram, and a
// renderer. The plugin times every response and serves GET /metrics.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { routeClassOf } from './request-state.ts';

type Labels = Record<string, string>;

const escapeLabel = (value: string) =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((name, i) => `${name}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

export class Counter {
  readonly #values = new Map<string, { labels: string[]; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const values = this.labelNames.map((name) => labels[name] ?? '');
    const key = values.join('\u0000');
    const entry = this.#values.get(key);
    if (entry) entry.value += by;
    else this.#values.set(key, { labels: values, value: by });
  }

  get(labels: Labels = {}): number {
    return this.#values.get(this.labelNames.map((name) => labels[name] ?? '').join('\u0000'))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.#values.values())
      lines.push(`${this.name}${labelText(this.labelNames, labels)} ${value}`);
    return lines.join('\n');
  }
}

export class Histogram {
  readonly #series = new Map<string, { labels: string[]; buckets: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: readonly number[],
    readonly labelNames: readonly string[] = [],
  ) {}

  observe(labels: Labels, value: number): void {
    // One label (the usual case) needs no array or join on the hot path.
    const key =
      this.labelNames.length === 1
        ? (labels[this.labelNames[0]!] ?? '')
        : this.labelNames.map((name) => labels[name] ?? '').join('\u0000');
    let series = this.#series.get(key);
    if (!series) {
      const values = this.labelNames.map((name) => labels[name] ?? '');
      series = { labels: values, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) series.buckets[i]!++;
    series.sum += value;
    series.count++;
  }

  count(labels: Labels = {}): number {
    return this.#series.get(this.labelNames.map((name) => labels[name] ?? '').join('\u0000'))?.count ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const series of this.#series.values()) {
      this.bounds.forEach((bound, i) => {
        lines.push(
          `${this.name}_bucket${labelText(this.labelNames, series.labels, `le="${bound}"`)} ${series.buckets[i]}`,
        );
      });
      lines.push(
        `${this.name}_bucket${labelText(this.labelNames, series.labels, 'le="+Inf"')} ${series.count}`,
      );
      lines.push(`${this.name}_sum${labelText(this.labelNames, series.labels)} ${series.sum}`);
      lines.push(`${this.name}_count${labelText(this.labelNames, series.labels)} ${series.count}`);
    }
    return lines.join('\n');
  }
}

export class ProtectionMetrics {
  readonly decisions = new Counter(
    'watercooler_protection_decisions_total',
    'Protection decisions on scored requests, by decision, route class and whether they were enforced.',
    ['decision', 'route_class', 'enforced'],
  );
  readonly rateLimited = new Counter(
    'watercooler_rate_limited_total',
    'Requests over a budget (answered 429 when enforced), by route class and budget.',
    ['route_class', 'limit', 'enforced'],
  );
  readonly challengesIssued = new Counter(
    'watercooler_challenges_issued_total',
    'Proof-of-work challenges handed out.',
  );
  readonly challengesSolved = new Counter(
    'watercooler_challenges_solved_total',
    'Proof-of-work challenges solved and exchanged for a pass.',
  );
  readonly challengesRejected = new Counter(
    'watercooler_challenges_rejected_total',
    'Challenge solutions refused, by why.',
    ['reason'],
  );
  readonly trapHits = new Counter(
    'watercooler_trap_hits_total',
    'Canary threads and honeypot paths touched.',
    ['trap'],
  );
  readonly storeFailures = new Counter(
    'watercooler_protection_store_failures_total',
    'Counter-store operations that fell back to local memory because Redis did not answer.',
  );
  readonly eventsDropped = new Counter(
    'watercooler_bot_events_dropped_total',
    'bot_events rows dropped because the write buffer was full or the database refused them.',
  );
  readonly requestDuration = new Histogram(
    'watercooler_http_request_duration_seconds',
    'Time from request to response, by route class.',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ['route_class'],
  );

  render(): string {
    return `${[
      this.decisions,
      this.rateLimited,
      this.challengesIssued,
      this.challengesSolved,
      this.challengesRejected,
      this.trapHits,
      this.storeFailures,
      this.eventsDropped,
      this.requestDuration,
    ]
      .map((metric) => metric.render())
      .join('\n')}\n`;
  }
}

const plugin: FastifyPluginAsync<{ metrics: ProtectionMetrics }> = async (app, { metrics }) => {
  app.addHook('onResponse', (request, reply, done) => {
    // The class client-identity.ts read already (reading route options builds an object each time).
    const routeClass = request.protection?.routeClass ?? routeClassOf(request);
    metrics.requestDuration.observe({ route_class: routeClass }, reply.elapsedTime / 1000);
    done();
  });

  app.get(
    '/metrics',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics: protection decisions, 429s, challenges, trap hits, latency',
        response: { 200: { type: 'string' } },
      },
    },
    async (_request, reply) => {
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return metrics.render();
    },
  );
};

export const metricsLayer = fp(plugin, { name: 'protection-metrics' });
