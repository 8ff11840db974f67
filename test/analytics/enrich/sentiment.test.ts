// Sentiment behaviour through enrich(): negation scope, intensifiers, "but"/"although", thresholds.
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../analytics/enrich/index.ts';
import { classifySentiment, NEGATIVE_THRESHOLD } from '../../../analytics/enrich/sentiment.ts';

const score = (text: string) => enrich(text).sentiment;

describe('negation', () => {
  it('flips a valence word within three tokens', () => {
    expect(score('The team is good.')).toBeGreaterThan(0);
    expect(score('The team is not good.')).toBeLessThan(0);
    expect(score('My manager never supports us.')).toBeLessThan(0);
    expect(score("The culture isn't healthy.")).toBeLessThan(0);
    expect(score("I don't love it here.")).toBeLessThan(0);
  });

  it('treats any unlisted "…n\'t" as a negator', () => {
    expect(score("You mustn't be happy here.")).toBeLessThan(0);
  });

  it('makes a negated negative word a weaker positive than the positive word', () => {
    const notBad = score('The pay is not bad.');
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(score('The pay is good.'));
  });

  it('does not reach past a clause break or beyond the window', () => {
    expect(score('No, the team is great.')).toBeGreaterThan(0);
    expect(score('Not once did the whole remote team feel great.')).toBeGreaterThan(0);
  });

  it('skips determiners when counting the window', () => {
    expect(score('Nobody has had a raise in two years.')).toBeLessThan(-NEGATIVE_THRESHOLD);
  });

  it('cancels out under double negation', () => {
    expect(score('I am not unhappy here.')).toBeGreaterThan(0);
  });
});

describe('intensifiers and diminishers', () => {
  it('orders extremely > very > plain > slightly', () => {
    const plain = score('The manager is good.');
    expect(score('The manager is very good.')).toBeGreaterThan(plain);
    expect(score('The manager is extremely good.')).toBeGreaterThan(score('The manager is very good.'));
    expect(score('The manager is slightly good.')).toBeLessThan(plain);
    expect(score('The manager is slightly good.')).toBeGreaterThan(0);
  });

  it('scales negative words too, and phrases like "kind of" diminish', () => {
    expect(score('The hours are really bad.')).toBeLessThan(score('The hours are bad.'));
    expect(score('The hours are kind of bad.')).toBeGreaterThan(score('The hours are bad.'));
  });

  it('combines with negation: "not very good" is negative but milder than "bad"', () => {
    const notVeryGood = score('The product is not very good.');
    expect(notVeryGood).toBeLessThan(0);
    expect(notVeryGood).toBeGreaterThan(score('The product is bad.'));
  });
});

describe('but and although', () => {
  it('weights the clause after "but"', () => {
    expect(score('The pay is great but the hours are brutal.')).toBeLessThan(-NEGATIVE_THRESHOLD);
    expect(score('The hours are brutal but the pay is great.')).toBeGreaterThan(NEGATIVE_THRESHOLD);
  });

  it('lets a sentence-initial "But" weaken the previous sentence', () => {
    expect(score('The team is wonderful. But management is terrible.')).toBeLessThan(0);
  });

  it('weakens the "although" clause', () => {
    expect(score('Although the office is ugly, the people are wonderful.')).toBeGreaterThan(0);
    expect(score('Even though the perks are nice, the manager is awful.')).toBeLessThan(0);
  });

  it('reads a trailing "though" as contrast with the sentence before', () => {
    expect(score('The project was a disaster. My lead was supportive though.')).toBeGreaterThan(0);
  });

  it('handles Chinese 但是 / 虽然 / 就是 the same way', () => {
    expect(score('工资挺高的，但是领导太差了')).toBeLessThan(0);
    expect(score('虽然工资低，但是氛围很好')).toBeGreaterThan(0);
    expect(score('同事人都很好，就是老板太抠了')).toBeLessThan(0);
  });
});

describe('thresholds', () => {
  it('classifies by the documented thresholds', () => {
    expect(classifySentiment(-0.5)).toBe('negative');
    expect(classifySentiment(-NEGATIVE_THRESHOLD)).toBe('negative');
    expect(classifySentiment(0)).toBe('neutral');
    expect(classifySentiment(0.5)).toBe('positive');
  });

  it('keeps a question with one mild word neutral and sets negative from the score', () => {
    const question = enrich('How does the bonus work for new joiners?');
    expect(classifySentiment(question.sentiment)).toBe('neutral');
    expect(question.negative).toBe(false);
    const complaint = enrich('Management here is toxic.');
    expect(complaint.negative).toBe(true);
  });

  it('stays within -1…+1 however many words pile up', () => {
    const rant = 'terrible awful horrible toxic disgusting '.repeat(200);
    expect(score(rant)).toBeGreaterThanOrEqual(-1);
    expect(score(rant)).toBeLessThan(-0.99);
  });
});
