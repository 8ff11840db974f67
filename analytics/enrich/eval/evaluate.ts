// Scores enrich() against a labelled set: 3-class and negative-vs-rest accuracy, topic precision
// and recall (micro-averaged over all post × topic decisions), plus the list of mistakes.
import { readFileSync } from 'node:fs';
import { enrich, TOPICS, type Topic } from '../index.ts';
import { classifySentiment, type SentimentClass } from '../sentiment.ts';

export type EvalSet = 'dev' | 'test';
export type EvalLanguage = 'en' | 'zh';

export interface LabelledPost {
  id: string;
  text: string;
  sentiment: SentimentClass;
  topics: Topic[];
}

export interface EvalReport {
  set: EvalSet;
  language: EvalLanguage;
  posts: number;
  /** Share of posts whose 3-class label (negative/neutral/positive) is right. */
  accuracy3: number;
  /** Share of posts where `negative` equals (label === 'negative'). */
  accuracyNegative: number;
  topicPrecision: number;
  topicRecall: number;
  /** Posts detected as the other language. */
  languageErrors: number;
  mistakes: Mistake[];
}

export interface Mistake {
  id: string;
  text: string;
  expected: SentimentClass;
  got: SentimentClass;
  score: number;
  missingTopics: Topic[];
  extraTopics: Topic[];
}

const SENTIMENTS: readonly string[] = ['negative', 'neutral', 'positive'];

export function loadLabelled(set: EvalSet, language: EvalLanguage): LabelledPost[] {
  const path = new URL(`./${set}.${language}.jsonl`, import.meta.url);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const post = JSON.parse(line) as LabelledPost;
      const where = `${set}.${language}.jsonl:${index + 1}`;
      if (typeof post.text !== 'string' || !SENTIMENTS.includes(post.sentiment))
        throw new Error(`${where}: bad row`);
      for (const topic of post.topics) {
        if (!(TOPICS as readonly string[]).includes(topic))
          throw new Error(`${where}: unknown topic ${topic}`);
      }
      return post;
    });
}

export function evaluate(set: EvalSet, language: EvalLanguage): EvalReport {
  const posts = loadLabelled(set, language);
  let right3 = 0;
  let rightNegative = 0;
  let truePositives = 0;
  let predictedTopics = 0;
  let labelledTopics = 0;
  let languageErrors = 0;
  const mistakes: Mistake[] = [];
  for (const post of posts) {
    const result = enrich(post.text);
    const got = classifySentiment(result.sentiment);
    if (result.language !== language) languageErrors++;
    if (got === post.sentiment) right3++;
    if (result.negative === (post.sentiment === 'negative')) rightNegative++;
    const missingTopics = post.topics.filter((topic) => !result.topics.includes(topic));
    const extraTopics = result.topics.filter((topic) => !post.topics.includes(topic));
    truePositives += post.topics.length - missingTopics.length;
    predictedTopics += result.topics.length;
    labelledTopics += post.topics.length;
    if (got !== post.sentiment || missingTopics.length > 0 || extraTopics.length > 0) {
      mistakes.push({
        id: post.id,
        text: post.text,
        expected: post.sentiment,
        got,
        score: result.sentiment,
        missingTopics,
        extraTopics,
      });
    }
  }
  return {
    set,
    language,
    posts: posts.length,
    accuracy3: right3 / posts.length,
    accuracyNegative: rightNegative / posts.length,
    topicPrecision: predictedTopics === 0 ? 1 : truePositives / predictedTopics,
    topicRecall: labelledTopics === 0 ? 1 : truePositives / labelledTopics,
    languageErrors,
    mistakes,
  };
}
