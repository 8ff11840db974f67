// The operator page: live panels fed by the operator API (see live-endpoints.ts) and, once the ETL
// has published them, warehouse charts of defence decisions per hour.
import { chartsOf } from '../charts.ts';
import type { PublishedData } from '../data/published-data.ts';
import { ALLOW_LIST_URL } from '../live-endpoints.ts';
import { chartModel, type PageModel, UNUSED_CONTEXT } from './page-model.ts';

const REFRESH_SECONDS = 15;

export async function operatorModel(data: PublishedData): Promise<PageModel> {
  const present = await data.tablesPresent();
  const release = present.has('releases') ? await data.latestRelease() : null;
  const context = { ...UNUSED_CONTEXT, k: data.kOf(release), company: { slug: '', name: '' } };
  const published = present.has('pub_bot_decisions_hourly') && release !== null;
  const charts = chartsOf('operator').filter((chart) => published || chart.source(context).kind !== 'table');
  return {
    page: 'operator',
    title: 'Scraper defence',
    intro: `Live panels refresh every ${REFRESH_SECONDS} s from the operator API; warehouse panels show the last published release.`,
    k: context.k,
    releaseId: release?.release_id ?? null,
    filters: [],
    notice: published
      ? null
      : 'The warehouse has no published decisions yet (the first ETL run creates them); live panels still work.',
    refreshSeconds: REFRESH_SECONDS,
    allowListUrl: ALLOW_LIST_URL,
    charts: charts.map((chart) => chartModel(chart, context)),
  };
}
