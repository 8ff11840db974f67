// Benchmark of analytics/enrich: posts per second of enrich() per language, short and long posts,
// against a plain-tokenisation baseline measured in the same run (English: lowercase + split on
// non-letters; Chinese: jieba segmentation alone), sustained passes over 100k posts per language
// (wall and CPU time) and jieba's one-off dictionary load.
//
//   npx tsx test/bench/enrich.bench.ts [--time 1500] [--sustained 100000]
import { parseArgs } from 'node:util';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Bench } from 'tinybench';
import { loadLabelled } from '../../analytics/enrich/eval/evaluate.ts';
import { enrich } from '../../analytics/enrich/index.ts';

const { values } = parseArgs({
  options: { time: { type: 'string', default: '1500' }, sustained: { type: 'string', default: '100000' } },
});
const benchTimeMs = Number(values.time);
const sustainedPosts = Number(values.sustained);

// Real-looking posts: the labelled eval posts (one or two sentences), and "long" posts made of four
// of them in a row (~200 English / ~90 Chinese characters, a typical forum reply).
const postsOf = (language: 'en' | 'zh') =>
  [...loadLabelled('dev', language), ...loadLabelled('test', language)].map((post) => post.text);
const longPostsOf = (posts: string[]) =>
  posts.map((_, index) =>
    [0, 1, 2, 3].map((offset) => posts[(index * 7 + offset * 13) % posts.length]).join(' '),
  );
const corpora = {
  en: postsOf('en'),
  zh: postsOf('zh'),
};
const longCorpora = { en: longPostsOf(corpora.en), zh: longPostsOf(corpora.zh) };

// jieba's dictionary load happens once per process on the first Chinese post: time it cold.
const coldStart = performance.now();
enrich(corpora.zh[0]!);
const jiebaLoadMs = performance.now() - coldStart;

const baselineJieba = Jieba.withDict(dict);
const baselines = {
  en: (text: string) => text.toLowerCase().split(/[^a-z0-9']+/).length,
  zh: (text: string) => baselineJieba.cut(text, false).length,
};

interface Row {
  language: string;
  corpus: string;
  chars: number;
  enrich: number;
  baseline: number;
}

const bench = new Bench({ time: benchTimeMs, warmupTime: 300 });
let sink = 0;
const cases: { language: 'en' | 'zh'; corpus: 'short' | 'long'; posts: string[] }[] = [
  { language: 'en', corpus: 'short', posts: corpora.en },
  { language: 'en', corpus: 'long', posts: longCorpora.en },
  { language: 'zh', corpus: 'short', posts: corpora.zh },
  { language: 'zh', corpus: 'long', posts: longCorpora.zh },
];
for (const { language, corpus, posts } of cases) {
  bench.add(`${language} ${corpus} enrich`, () => {
    for (const post of posts) sink += enrich(post).sentiment;
  });
  bench.add(`${language} ${corpus} baseline`, () => {
    for (const post of posts) sink += baselines[language](post);
  });
}
await bench.run();

const postsPerSecond = (name: string, batch: number) => {
  const task = bench.tasks.find((candidate) => candidate.name === name);
  const throughput = task?.result?.throughput.mean;
  if (!throughput)
    throw new Error(`benchmark task "${name}" did not run: ${task?.result?.error?.message ?? ''}`);
  return throughput * batch;
};
const rows: Row[] = cases.map(({ language, corpus, posts }) => ({
  language,
  corpus,
  chars: Math.round(posts.reduce((sum, post) => sum + post.length, 0) / posts.length),
  enrich: postsPerSecond(`${language} ${corpus} enrich`, posts.length),
  baseline: postsPerSecond(`${language} ${corpus} baseline`, posts.length),
}));

// Sustained: one pass over N long posts per language and mixed, as the ETL calls it. Reports wall
// time and process CPU time: on this shared 2-core machine other work inflates wall time.
const sustainedRuns = [
  { name: 'en long', posts: longCorpora.en },
  { name: 'zh long', posts: longCorpora.zh },
  { name: 'mixed long (half en, half zh)', posts: [...longCorpora.en, ...longCorpora.zh] },
].map(({ name, posts }) => {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let index = 0; index < sustainedPosts; index++) sink += enrich(posts[index % posts.length]!).sentiment;
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { name, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
});

const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(
  `node ${process.version}, ${benchTimeMs} ms per task; jieba dictionary load (first Chinese post): ${jiebaLoadMs.toFixed(0)} ms`,
);
console.log('| language | posts | avg chars | enrich posts/s | baseline posts/s | enrich / baseline |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.language} | ${row.corpus} | ${row.chars} | ${format(row.enrich)} | ${format(row.baseline)} | ` +
      `${(row.enrich / row.baseline).toFixed(3)} (${(row.baseline / row.enrich).toFixed(1)}× slower) |`,
  );
}
console.log(`\nsustained, ${format(sustainedPosts)} posts each:`);
console.log('| posts | wall s | wall posts/s | CPU s | CPU posts/s | 1M posts (CPU) |');
console.log('|---|---|---|---|---|---|');
for (const run of sustainedRuns) {
  console.log(
    `| ${run.name} | ${run.wallSeconds.toFixed(2)} | ${format(sustainedPosts / run.wallSeconds)} | ` +
      `${run.cpuSeconds.toFixed(2)} | ${format(sustainedPosts / run.cpuSeconds)} | ` +
      `${((1e6 * run.cpuSeconds) / sustainedPosts).toFixed(1)} s |`,
  );
}
if (Number.isNaN(sink)) console.log('unreachable: keeps the work observable');
