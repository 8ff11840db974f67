// What every chart spec shares: the options all builders take, the base config (fonts, axes,
// titles), number formats, and the words used for suppressed cells.
import type { TopLevelSpec } from 'vega-lite';
import { NEUTRAL } from './palette.ts';

export type Spec = TopLevelSpec;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface ChartOptions {
  /** The k-anonymity threshold of the release: suppressed cells read "fewer than k reports". */
  readonly k: number;
  /** Pixels, or 'container' to follow the page's column width (pages); reports use pixels. */
  readonly width?: number | 'container';
}

export const DEFAULT_WIDTH = 640;

export function widthOf(options: ChartOptions): number | 'container' {
  return options.width ?? DEFAULT_WIDTH;
}

/** How a suppressed cell is described wherever it appears. */
export function fewerThanK(k: number): string {
  return `fewer than ${k} reports`;
}

/** The field a suppressedNote() transform adds: the words shown in place of a suppressed figure. */
export const SUPPRESSED_NOTE = 'suppressed_note';

/** A calculate transform that writes "fewer than k reports" into SUPPRESSED_NOTE. */
export function suppressedNote(k: number): { calculate: string; as: string } {
  return { calculate: JSON.stringify(fewerThanK(k)), as: SUPPRESSED_NOTE };
}

/** Vega expression true for a published (not suppressed) row. */
export const PUBLISHED = 'datum.suppressed !== true';
export const SUPPRESSED = 'datum.suppressed === true';

export const USD_AXIS_FORMAT = '$~s';
export const USD_FORMAT = '$,.0f';
export const SHARE_FORMAT = '.0%';
export const COUNT_FORMAT = ',d';

export const BASE_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, gridColor: NEUTRAL.grid },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal' },
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: NEUTRAL.text, offset: 10 },
} as const;

/** The top-level properties every builder starts from. */
export interface Frame {
  readonly $schema: string;
  readonly description: string;
  readonly config: typeof BASE_CONFIG;
  readonly width: number | 'container';
  readonly autosize?: { readonly type: 'fit-x'; readonly contains: 'padding' };
  readonly title: { readonly text: string; readonly subtitle: string[] };
}

/** Subtitle lines short enough for a phone (titles do not wrap by themselves). */
export const SUBTITLE_LINE = 62;

export function wrapWords(text: string, width = SUBTITLE_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The frame every builder starts from: schema, config, width, a title and subtitle. */
export function frame(options: ChartOptions, title: string, subtitle: string | readonly string[]): Frame {
  const subtitles = typeof subtitle === 'string' ? [subtitle] : [...subtitle];
  const width = widthOf(options);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `${title}. ${subtitles.join(' ')}`,
    config: BASE_CONFIG,
    width,
    // Follow the column's width but keep each chart's own height (bands per row).
    ...(width === 'container' ? { autosize: { type: 'fit-x', contains: 'padding' } as const } : {}),
    title: { text: title, subtitle: subtitles.flatMap((line) => wrapWords(line)) },
  };
}
