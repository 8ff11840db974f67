import { describe, expect, it, vi } from 'vitest';
import { Counter, Histogram } from '../../../api/protection/metrics.ts';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('Prometheus text format', () => {
  it('renders counters with escaped labels', () => {
    const counter = new Counter('x_total', 'Help text.', ['a']);
    counter.inc({ a: 'say "hi"\\\n' });
    counter.inc({ a: 'plain' }, 2);
    expect(counter.render()).toBe(
      '# HELP x_total Help text.\n# TYPE x_total counter\nx_total{a="say \\"hi\\"\\\\\\n"} 1\nx_total{a="plain"} 2',
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const histogram = new Histogram('d_seconds', 'Latency.', [0.1, 1], ['c']);
    histogram.observe({ c: 'read' }, 0.05);
    histogram.observe({ c: 'read' }, 0.5);
    histogram.observe({ c: 'read' }, 5);
    expect(histogram.render().split('\n')).toEqual([
      '# HELP d_seconds Latency.',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{c="read",le="0.1"} 1',
      'd_seconds_bucket{c="read",le="1"} 2',
      'd_seconds_bucket{c="read",le="+Inf"} 3',
      'd_seconds_sum{c="read"} 5.55',
      'd_seconds_count{c="read"} 3',
    ]);
  });
});

describe('GET /metrics', () => {
  it('counts decisions, 429s, challenges, trap hits and latency per route class', async () => {
    const t = await openProtectedApp({ canaries: false, policy: (p) => (p.budgets.read.perAccount = 1) });
    try {
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const person = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.60'), account.token);
      await person.read(thread!);
      await person.read(thread!); // over the budget of 1
      await new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.61'), account.token).read(
        thread!,
      );
      await person.request('GET', t.app.protection.policy.traps.honeypotPaths[0]!);

      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = response.body;
      expect(text).toContain(
        'watercooler_protection_decisions_total{decision="allow",route_class="read",enforced="true"} 2',
      );
      expect(text).toContain(
        'watercooler_protection_decisions_total{decision="challenge",route_class="read",enforced="true"} 1',
      );
      expect(text).toContain(
        'watercooler_rate_limited_total{route_class="read",limit="rate-limit-account",enforced="true"} 1',
      );
      expect(text).toContain('watercooler_challenges_issued_total 1');
      expect(text).toContain('watercooler_trap_hits_total{trap="honeypot"} 1');
      expect(text).toMatch(/watercooler_http_request_duration_seconds_count\{route_class="read"\} 3/);
      expect(text).toMatch(
        /watercooler_http_request_duration_seconds_bucket\{route_class="read",le="\+Inf"\} 3/,
      );
      expect(text.endsWith('\n')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
