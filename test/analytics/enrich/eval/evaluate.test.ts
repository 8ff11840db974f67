// Regression floor: accuracy on the held-out test set must stay a little below what was measured
// when the rules were frozen (analytics/enrich/README.md). A drop below a floor fails the build.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../analytics/enrich/eval/evaluate.ts';

// Measured: en 72.0% / 82.0%, topics P 88.5% R 93.5%; zh 75.0% / 80.0%, topics P 97.5% R 93.7%.
const FLOORS = {
  en: { accuracy3: 0.69, accuracyNegative: 0.79, topicPrecision: 0.85, topicRecall: 0.9 },
  zh: { accuracy3: 0.72, accuracyNegative: 0.77, topicPrecision: 0.94, topicRecall: 0.9 },
} as const;

describe('held-out test set', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`${language}: accuracy and topic precision/recall stay above their floors`, () => {
      const report = evaluate('test', language);
      expect(report.posts).toBeGreaterThanOrEqual(100);
      expect(report.languageErrors).toBe(0);
      expect(report.accuracy3).toBeGreaterThanOrEqual(FLOORS[language].accuracy3);
      expect(report.accuracyNegative).toBeGreaterThanOrEqual(FLOORS[language].accuracyNegative);
      expect(report.topicPrecision).toBeGreaterThanOrEqual(FLOORS[language].topicPrecision);
      expect(report.topicRecall).toBeGreaterThanOrEqual(FLOORS[language].topicRecall);
    });
  }

  it('has at least 150 labelled posts per language across dev and test', () => {
    for (const language of ['en', 'zh'] as const) {
      expect(evaluate('dev', language).posts + evaluate('test', language).posts).toBeGreaterThanOrEqual(150);
    }
  });
});
