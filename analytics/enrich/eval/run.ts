// Prints evaluation figures: `npx tsx analytics/enrich/eval/run.ts [--set dev|test] [--mistakes]`.
// The default is the held-out test set; tune only with --set dev (see ../README.md).
import { type EvalSet, evaluate } from './evaluate.ts';

const args = process.argv.slice(2);
const setIndex = args.indexOf('--set');
const set = (setIndex >= 0 ? args[setIndex + 1] : 'test') as EvalSet;
if (set !== 'dev' && set !== 'test') {
  console.error('usage: run.ts [--set dev|test] [--mistakes]');
  process.exit(2);
}
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

console.log(`set: ${set}`);
console.log('lang  posts  acc(3-class)  acc(negative vs rest)  topic P  topic R  language errors');
for (const language of ['en', 'zh'] as const) {
  const report = evaluate(set, language);
  console.log(
    `${language.padEnd(4)}  ${String(report.posts).padStart(5)}  ${percent(report.accuracy3).padStart(12)}  ` +
      `${percent(report.accuracyNegative).padStart(21)}  ${percent(report.topicPrecision).padStart(7)}  ` +
      `${percent(report.topicRecall).padStart(7)}  ${String(report.languageErrors).padStart(15)}`,
  );
  if (args.includes('--mistakes')) {
    for (const mistake of report.mistakes) {
      const sentiment = mistake.expected === mistake.got ? '' : ` ${mistake.expected}→${mistake.got}`;
      const topics = [
        ...mistake.missingTopics.map((topic) => `-${topic}`),
        ...mistake.extraTopics.map((topic) => `+${topic}`),
      ].join(' ');
      console.log(`  ${mistake.id}${sentiment} (${mistake.score.toFixed(2)}) ${topics}  ${mistake.text}`);
    }
  }
}
