// Company × topic heat map for one month: the share of a company's posts that touch each topic.
import { labelFor, TOPICS } from '../domain.ts';
import {
  type ChartOptions,
  COUNT_FORMAT,
  fewerThanK,
  frame,
  PUBLISHED,
  SHARE_FORMAT,
  type Spec,
  SUPPRESSED,
  SUPPRESSED_NOTE,
  suppressedNote,
} from './common.ts';
import { SEQUENTIAL_SCHEME, SUPPRESSED_FILL, SUPPRESSED_GREY } from './palette.ts';

/** Rows of pub_topics_monthly for one month (every company and topic). */
export const TOPIC_HEATMAP_DATA = 'topics_monthly';

export interface TopicHeatmapOptions extends ChartOptions {
  /** The month shown, as YYYY-MM. */
  readonly month: string;
  /** How many companies to show: those with the most posts that month. */
  readonly top?: number;
}

export function monthTitle(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function topicHeatmapSpec(options: TopicHeatmapOptions): Spec {
  const top = options.top ?? 25;
  const topicLabels = TOPICS.map(labelFor);
  const labelExpr = `{${TOPICS.map((t) => `${JSON.stringify(t)}: ${JSON.stringify(labelFor(t))}`).join(', ')}}[datum.topic] || datum.topic`;
  return {
    ...frame(options, `What people talk about, ${monthTitle(options.month)}`, [
      `Share of each company's posts that touch a topic (a post can touch several); the ${top} companies with most posts.`,
      `Grey “<${options.k}”: ${fewerThanK(options.k)}.`,
    ]),
    height: { step: 22 },
    data: { name: TOPIC_HEATMAP_DATA },
    transform: [
      { calculate: labelExpr, as: 'topic_label' },
      suppressedNote(options.k),
      { joinaggregate: [{ op: 'sum', field: 'posts', as: 'company_posts' }], groupby: ['company_name'] },
      {
        window: [{ op: 'dense_rank', as: 'company_rank' }],
        sort: [
          { field: 'company_posts', order: 'descending' },
          { field: 'company_name', order: 'ascending' },
        ],
      },
      { filter: `datum.company_rank <= ${top}` },
    ],
    encoding: {
      x: {
        field: 'topic_label',
        type: 'nominal',
        sort: topicLabels,
        title: 'Topic',
        axis: { orient: 'top', labelAngle: -90, labelAlign: 'left', labelBaseline: 'middle' },
      },
      y: { field: 'company_name', type: 'nominal', title: 'Company', sort: 'ascending' },
    },
    layer: [
      {
        transform: [{ filter: PUBLISHED }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            title: 'Share of posts',
            scale: { scheme: SEQUENTIAL_SCHEME, domainMin: 0 },
            legend: { format: SHARE_FORMAT, direction: 'horizontal', gradientLength: 160 },
          },
          tooltip: [
            { field: 'company_name', type: 'nominal', title: 'Company' },
            { field: 'topic_label', type: 'nominal', title: 'Topic' },
            { field: 'share', type: 'quantitative', title: 'Share of posts', format: '.1%' },
            { field: 'posts', type: 'quantitative', title: 'Posts', format: COUNT_FORMAT },
            { field: 'contributors', type: 'quantitative', title: 'People posting', format: COUNT_FORMAT },
          ],
        },
      },
      {
        transform: [{ filter: SUPPRESSED }],
        mark: { type: 'rect', color: SUPPRESSED_FILL, stroke: 'white', strokeWidth: 1 },
        encoding: {
          tooltip: [
            { field: 'company_name', type: 'nominal', title: 'Company' },
            { field: 'topic_label', type: 'nominal', title: 'Topic' },
            { field: SUPPRESSED_NOTE, type: 'nominal', title: 'Reports' },
          ],
        },
      },
      {
        transform: [{ filter: SUPPRESSED }],
        mark: { type: 'text', fontSize: 10, color: SUPPRESSED_GREY, fontStyle: 'italic' },
        encoding: { text: { value: `<${options.k}` } },
      },
    ],
  };
}
