// A scraper that pays for its reads: it solves every proof-of-work challenge (solveChallenge with
// Node's synchronous SHA-256, the fastest a script gets on one core), posts the answer for a pass
// and repeats the request. The report shows the CPU seconds it spent per post harvested.
import { createHash } from 'node:crypto';
import { solveChallenge } from '../../../api/protection/solve-challenge.ts';
import { HEADERS } from '../../support/personas.ts';
import { CrawlWorker, everyBoard, Frontier } from '../crawler.ts';
import { SimClient } from '../http-client.ts';
import { uniform } from '../pacing.ts';
import type { PersonaRun, SimContext } from '../persona.ts';
import { Tally } from '../tally.ts';

const sha256 = (input: string) => createHash('sha256').update(input).digest();

export async function proofOfWorkSolver(ctx: SimContext): Promise<PersonaRun> {
  const tally = new Tally();
  const account = await ctx.account({ memberKind: 'verified', ageDays: 120 });
  const client = new SimClient(ctx.transport, tally, HEADERS.chrome, '198.51.100.99', account.token);
  const frontier = new Frontier(everyBoard(ctx.server.corpus.companySlugs));
  const worker = new CrawlWorker(client, frontier, {
    gap: () => uniform(ctx.random, 2000, 5000),
    async solve(challenge, solver) {
      const before = process.cpuUsage();
      const solution = await solveChallenge(challenge, { sha256, batch: 4096 });
      const used = process.cpuUsage(before);
      tally.cpuSeconds += (used.user + used.system) / 1e6;
      const answer = await solver.request('POST', '/v1/challenge', {
        token: solution.token,
        nonce: solution.nonce,
      });
      if (answer.status !== 200) return false;
      tally.solved++;
      solver.pass = answer.body.pass;
      return true;
    },
  });
  return {
    name: 'proof-of-work solver',
    kind: 'scraper',
    maxShare: 0.01,
    tally,
    starts: [{ at: ctx.start, actor: worker }],
    notes: () =>
      `${tally.solved} challenges solved with ${(tally.cpuSeconds * 1000).toFixed(1)} ms of CPU` +
      (tally.harvested.size > 0
        ? ` (${((tally.cpuSeconds * 1e6) / tally.harvested.size).toFixed(1)} µs per post harvested)`
        : ''),
  };
}
