// Turns the personas' tallies into the report: one row per persona with its harvest, when it was
// first refused, how often people were refused, and whether the persona's goal is met; printed as a
// Markdown table (terminal and RESULTS.md alike).
import type { PersonaRun } from './persona.ts';

/** People: never blocked, challenged on at most this share of their requests. */
export const HUMAN_MAX_CHALLENGED = 0.005;

export interface PersonaResult {
  name: string;
  kind: 'scraper' | 'human';
  requests: number;
  harvested: number;
  share: number;
  maxShare: number | null;
  firstThrottle: number | null;
  firstChallenge: number | null;
  firstBlock: number | null;
  throttledShare: number;
  challengedShare: number;
  blocked: number;
  notes: string;
  figures: Record<string, number>;
  /** The reasons in bot_events for the persona's accounts, most frequent first. */
  caughtBy: string[];
  /** 5xx and other answers a correct server never gives these clients. */
  unexpected: string[];
  goal: string;
  goalMet: boolean;
}

export function resultOf(
  run: PersonaRun,
  corpus: ReadonlySet<string>,
  caughtBy: string[] = [],
): PersonaResult {
  const { tally } = run;
  let harvested = 0;
  for (const id of tally.harvested) if (corpus.has(id)) harvested++;
  const share = harvested / corpus.size;
  const per = (n: number) => (tally.requests ? n / tally.requests : 0);
  const human = run.kind === 'human';
  const maxShare = run.maxShare ?? null;
  const goalMet = human
    ? tally.blocked === 0 && per(tally.challenged) <= HUMAN_MAX_CHALLENGED
    : maxShare === null || share <= maxShare;
  return {
    name: run.name,
    kind: run.kind,
    requests: tally.requests,
    harvested,
    share,
    maxShare,
    firstThrottle: tally.firstThrottle,
    firstChallenge: tally.firstChallenge,
    firstBlock: tally.firstBlock,
    throttledShare: per(tally.throttled),
    challengedShare: per(tally.challenged),
    blocked: tally.blocked,
    notes: run.notes?.() ?? '',
    figures: run.figures?.() ?? {},
    caughtBy,
    unexpected: tally.unexpected(),
    goal: human
      ? `0 blocked, ≤ ${pct(HUMAN_MAX_CHALLENGED, 1)} challenged`
      : `≤ ${pct(maxShare ?? 1, 0)} of corpus`,
    goalMet,
  };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const nth = (n: number | null) => (n === null ? '—' : String(n));

export function markdownTable(results: readonly PersonaResult[]): string {
  const header = [
    'persona',
    'requests',
    'posts harvested',
    'share of corpus',
    '1st 429',
    '1st challenge',
    '1st block',
    'throttled',
    'challenged',
    'blocked',
    'goal',
    'met',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.requests),
    String(r.harvested),
    pct(r.share),
    nth(r.firstThrottle),
    nth(r.firstChallenge),
    nth(r.firstBlock),
    r.kind === 'human' ? pct(r.throttledShare) : '',
    r.kind === 'human' ? pct(r.challengedShare) : '',
    r.kind === 'human' ? String(r.blocked) : '',
    r.goal,
    r.goalMet ? 'yes' : '**no**',
  ]);
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const notes = results
    .map((r) => {
      const parts = [
        r.caughtBy.length ? `bot_events reasons: ${r.caughtBy.join(', ')}` : '',
        r.notes,
        r.unexpected.length ? `unexpected answers ${r.unexpected.join(', ')}` : '',
      ].filter(Boolean);
      return parts.length ? `- ${r.name}: ${parts.join('; ')}` : '';
    })
    .filter(Boolean);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
