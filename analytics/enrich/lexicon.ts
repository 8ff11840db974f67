// Parses the lexicon files in ./lexicons into one lookup table used by both languages.
// English tokens are lowercase ASCII and Chinese tokens are Han, so a single Map serves both and a
// mixed-language post needs no second pass.
import { readFileSync } from 'node:fs';
import { topicBit } from './topic-names.ts';

export type AspectClass = 'pay' | 'burden';

/** Everything known about one token (or one phrase). Every field is always present so V8 keeps one shape. */
export interface Term {
  /** AFINN-scale valence (-5…+5), or undefined for a word that carries none. */
  valence: number | undefined;
  /** Negator: factor applied to the valence words it governs (e.g. -0.74). */
  negate: number | undefined;
  /** Intensifier (> 1) or diminisher (< 1). */
  scale: number | undefined;
  /** "but"-like (re-weights the sentence around it) or "although"-like (weakens its own clause). */
  contrast: 'but' | 'although' | undefined;
  /** A thing a qualifier can describe ("pay", "hours"). */
  target: AspectClass | undefined;
  /** A qualifier whose polarity depends on its target: +1 "high/many", -1 "low/few". */
  qualifier: 1 | -1 | undefined;
  /** Topic bit mask (see topic-names.ts). */
  topics: number;
  /** Context-dependent layoff euphemism (优化, 毕业). */
  euphemism: Euphemism | undefined;
  /** Sentiment phrases (valence, modifier, aspect) that start with this token, longest first. */
  phrases: Phrase[] | undefined;
  /**
   * Topic phrases that start with this token. Kept apart from `phrases` because topics are matched
   * on the raw tokens: "long hours" must tag overtime without hiding "long" from the sentiment pass.
   */
  topicPhrases: Phrase[] | undefined;
}

export interface Euphemism {
  valence: number;
  topics: number;
  triggers: ReadonlySet<string>;
}

export interface Phrase {
  /** The phrase's tokens after the first one. */
  rest: string[];
  term: Term;
}

export interface Lexicon {
  terms: ReadonlyMap<string, Term>;
  /** Chinese entries to add to jieba's dictionary so each comes out of segmentation as one token. */
  segmenterWords: readonly string[];
}

/** The text of every lexicon file, by kind. Later valence files override earlier ones. */
export interface LexiconSources {
  valence: readonly SourceFile[];
  modifiers: readonly SourceFile[];
  aspects: readonly SourceFile[];
  topics: readonly SourceFile[];
  euphemisms: readonly SourceFile[];
}

export interface SourceFile {
  name: string;
  text: string;
  /** Whether its multi-character entries go into jieba's dictionary. */
  chinese: boolean;
}

const BUNDLED = {
  valence: ['en-afinn165.tsv', 'en-workplace.tsv', 'zh-general.tsv', 'zh-workplace.tsv', 'emoji.tsv'],
  modifiers: ['en-modifiers.tsv', 'zh-modifiers.tsv'],
  aspects: ['en-aspects.tsv', 'zh-aspects.tsv'],
  topics: ['topics-en.tsv', 'topics-zh.tsv'],
  euphemisms: ['zh-euphemisms.tsv'],
} as const;

let bundled: Lexicon | undefined;

/** The lexicon shipped in ./lexicons, parsed once (it is static data). */
export function bundledLexicon(): Lexicon {
  bundled ??= buildLexicon(readBundledSources());
  return bundled;
}

function readBundledSources(): LexiconSources {
  const read = (names: readonly string[]): SourceFile[] =>
    names.map((name) => ({
      name,
      text: readFileSync(new URL(`./lexicons/${name}`, import.meta.url), 'utf8'),
      chinese: name.startsWith('zh-') || name.endsWith('-zh.tsv'),
    }));
  return {
    valence: read(BUNDLED.valence),
    modifiers: read(BUNDLED.modifiers),
    aspects: read(BUNDLED.aspects),
    topics: read(BUNDLED.topics),
    euphemisms: read(BUNDLED.euphemisms),
  };
}

/** Normalises a lexicon key or a token the same way: lowercase, no emoji variation selector. */
export function normaliseKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\uFE0F/g, '')
    .replace(/\s+/g, ' ');
}

const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/;

export function buildLexicon(sources: LexiconSources): Lexicon {
  const terms = new Map<string, Term>();
  const segmenterWords = new Set<string>();

  const termFor = (file: SourceFile, key: string, kind: 'phrases' | 'topicPhrases' = 'phrases'): Term => {
    if (file.chinese && !key.includes(' ') && (HAN.test(key) || key.includes('+')) && [...key].length >= 2) {
      segmenterWords.add(key);
    }
    return key.includes(' ') ? phraseTerm(terms, key, kind) : singleTerm(terms, key);
  };

  for (const file of sources.valence) {
    for (const { key, fields, where } of rows(file, 2)) {
      termFor(file, key).valence = parseNumber(fields[1]!, where, -5, 5);
    }
  }
  for (const file of sources.modifiers) {
    for (const { key, fields, where } of rows(file, 3)) {
      const term = termFor(file, key);
      const factor = parseNumber(fields[2]!, where, -2, 3);
      switch (fields[1]) {
        case 'negate':
          term.negate = factor;
          break;
        case 'scale':
          term.scale = factor;
          break;
        case 'contrast':
          term.contrast = 'but';
          break;
        case 'concede':
          term.contrast = 'although';
          break;
        default:
          throw new Error(`${where}: unknown role "${fields[1]}" (use negate, scale, contrast or concede)`);
      }
    }
  }
  for (const file of sources.aspects) {
    for (const { key, fields, where } of rows(file, 3)) {
      const term = termFor(file, key);
      const [, kind, value] = fields;
      if (kind === 'target' && (value === 'pay' || value === 'burden')) term.target = value;
      else if (kind === 'qualifier' && (value === 'up' || value === 'down'))
        term.qualifier = value === 'up' ? 1 : -1;
      else throw new Error(`${where}: expected "target pay|burden" or "qualifier up|down"`);
    }
  }
  for (const file of sources.topics) {
    for (const { key, fields, where } of rows(file, 2)) {
      termFor(file, key, 'topicPhrases').topics |= parseTopics(fields[1]!, where);
    }
  }
  for (const file of sources.euphemisms) {
    for (const { key, fields, where } of rows(file, 4)) {
      termFor(file, key).euphemism = {
        valence: parseNumber(fields[1]!, where, -5, 5),
        topics: parseTopics(fields[2]!, where),
        triggers: new Set(fields[3]!.split(',').map(normaliseKey).filter(Boolean)),
      };
    }
  }
  for (const term of terms.values()) term.phrases?.sort((a, b) => b.rest.length - a.rest.length);
  return { terms, segmenterWords: [...segmenterWords] };
}

function newTerm(): Term {
  return {
    valence: undefined,
    negate: undefined,
    scale: undefined,
    contrast: undefined,
    target: undefined,
    qualifier: undefined,
    topics: 0,
    euphemism: undefined,
    phrases: undefined,
    topicPhrases: undefined,
  };
}

function singleTerm(terms: Map<string, Term>, key: string): Term {
  let term = terms.get(key);
  if (!term) {
    term = newTerm();
    terms.set(key, term);
  }
  return term;
}

// A phrase is reached through its first token; the head keeps its own meaning as a single word.
function phraseTerm(terms: Map<string, Term>, key: string, kind: 'phrases' | 'topicPhrases'): Term {
  const [head, ...rest] = key.split(' ');
  const headTerm = singleTerm(terms, head!);
  headTerm[kind] ??= [];
  const phrases = headTerm[kind];
  const existing = phrases.find((phrase) => phrase.rest.join(' ') === rest.join(' '));
  if (existing) return existing.term;
  const term = newTerm();
  phrases.push({ rest, term });
  return term;
}

interface Row {
  key: string;
  fields: string[];
  where: string;
}

function* rows(file: SourceFile, columns: number): Generator<Row> {
  const lines = file.text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `${file.name}:${index + 1}`;
    const fields = line.split('\t');
    if (fields.length !== columns) {
      throw new Error(`${where}: expected ${columns} tab-separated columns, found ${fields.length}`);
    }
    const key = normaliseKey(fields[0]!);
    if (key === '') throw new Error(`${where}: empty term`);
    yield { key, fields, where };
  }
}

function parseNumber(text: string, where: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${where}: "${text}" is not a number between ${min} and ${max}`);
  }
  return value;
}

function parseTopics(text: string, where: string): number {
  let mask = 0;
  for (const name of text.split(',')) {
    try {
      mask |= topicBit(name.trim());
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
  }
  return mask;
}
