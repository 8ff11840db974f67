// Writers with habits, for the alias-linking attack: each one has its own opener, sign-off,
// punctuation, casing, spelling and filler words, as people do. Texts carry no digits or contact
// details, so the doxxing guard lets them through. The ledger is the ground truth (post → writer)
// that only the simulation knows; the attacker sees posts, aliases and hour-granular times.
import { pick } from './pacing.ts';

const SENTENCES = [
  'the new review process feels rushed this quarter',
  'our team lost two people and nobody is backfilling',
  'the office move is taking longer than they promised',
  'management keeps changing the priorities every week',
  'the bonus letters came out later than usual',
  'on-call is getting heavier since the reorg',
  'people are quietly interviewing elsewhere',
  'the hiring freeze is hitting the support teams hardest',
  'the training budget was cut again',
  'most of my colleagues are fine with hybrid work',
  'the promotion committee met and said very little',
  'nobody explained why the project was cancelled',
  'the new tooling is actually better than the old one',
  'my manager is supportive but has no budget',
  'the all-hands did not answer the real questions',
];
const OPENERS = ['Honestly,', 'tbh', 'Well,', 'So', 'Okay so', 'Frankly,', 'Look,', 'Hmm,', 'Yeah,', 'FWIW'];
const CLOSERS = [
  'just my two cents.',
  'ymmv.',
  'hang in there!',
  'cheers',
  ':)',
  'sigh...',
  'thoughts?',
  '- anon',
  'good luck all',
  'make of that what you will.',
];
const FILLERS = [
  'kinda',
  'really',
  'basically',
  'literally',
  'definitely',
  'sort of',
  'pretty much',
  'totally',
];

export interface Writer {
  name: string;
  write(random: () => number): string;
}

export function makeWriter(index: number, random: () => number): Writer {
  const opener = OPENERS[index % OPENERS.length]!;
  const closer = CLOSERS[(index * 3) % CLOSERS.length]!;
  const filler = pick(random, FILLERS);
  const lower = index % 3 === 0;
  const shout = index % 4 === 1;
  const ellipsis = index % 5 === 2;
  return {
    name: `writer-${index}`,
    write(r) {
      const count = 1 + Math.floor(r() * 3);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) {
        let sentence = pick(r, SENTENCES);
        if (r() < 0.5) sentence = sentence.replace(' is ', ` is ${filler} `);
        parts.push(sentence);
      }
      let text = `${opener} ${parts.join(ellipsis ? '... ' : '. ')}${shout ? '!!' : '.'} ${closer}`;
      if (lower) text = text.toLowerCase();
      return text;
    },
  };
}

/** Ground truth of the simulated day's posts: post id → writer name. */
export type AuthorshipLedger = Map<string, string>;
