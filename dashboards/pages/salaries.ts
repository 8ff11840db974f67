// The salaries page: its filters (company, job family, year, level) resolved against what is
// published, then the pay charts of charts.ts with the data API URLs of their datasets.
import { JOB_FAMILIES, LEVELS, labelFor } from '../domain.ts';
import type { PublishedData } from '../data/published-data.ts';
import { notPublishedYet } from '../warehouse/warehouse-reader.ts';
import { choose, type FilterChoice, type PageText, type ResolvedPage } from './page-model.ts';

export interface SalariesQuery {
  company?: string;
  family?: string;
  year?: string;
  level?: string;
}

export async function resolveSalaries(
  data: PublishedData,
  query: SalariesQuery,
  width?: number,
): Promise<ResolvedPage> {
  // One round trip for every choice: companies (weighted by reports), years and job families.
  const choices = await data.lookup(
    `SELECT 'company' AS kind, CAST(company_slug AS VARCHAR) AS value,
            CAST(any_value(company_name) AS VARCHAR) AS label, CAST(coalesce(sum(contributors), 0) AS DOUBLE) AS weight
       FROM pub_salary_by_company GROUP BY company_slug
     UNION ALL
     SELECT DISTINCT 'year', CAST(year AS VARCHAR), NULL, NULL FROM pub_salary_by_company
     UNION ALL
     SELECT DISTINCT 'family', CAST(job_family AS VARCHAR), NULL, NULL FROM pub_salary_by_company`,
  );
  const rows = (choices.columns[0] ?? []).map((kind, i) => ({
    kind: String(kind),
    value: String(choices.columns[1]?.[i]),
    label: String(choices.columns[2]?.[i] ?? choices.columns[1]?.[i]),
    weight: Number(choices.columns[3]?.[i] ?? 0),
  }));
  const companies = rows
    .filter((r) => r.kind === 'company')
    .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.value.localeCompare(b.value));
  if (companies.length === 0) throw notPublishedYet('the salary tables are empty');

  const companyChoices: FilterChoice[] = companies.map(({ value, label }) => ({ value, label }));
  const busiest = companies.reduce((best, c) => (c.weight > best.weight ? c : best), companies[0]!).value;
  const presentFamilies = new Set(rows.filter((r) => r.kind === 'family').map((r) => r.value));
  const familyChoices = JOB_FAMILIES.filter((f) => presentFamilies.has(f)).map((f) => ({
    value: f,
    label: labelFor(f),
  }));
  const yearChoices = rows
    .filter((r) => r.kind === 'year')
    .map((r) => r.value)
    .sort((a, b) => Number(b) - Number(a))
    .map((y) => ({ value: y, label: y }));
  const levelChoices = LEVELS.map((l) => ({ value: l, label: l }));

  const notices: string[] = [];
  const company = choose(query.company, companyChoices, busiest, 'the company', notices);
  const family = choose(
    query.family,
    familyChoices,
    presentFamilies.has('engineering') ? 'engineering' : (familyChoices[0]?.value ?? 'engineering'),
    'the job family',
    notices,
  );
  const year = choose(query.year, yearChoices, yearChoices[0]?.value ?? '', 'the year', notices);
  const level = choose(query.level, levelChoices, 'L4', 'the level', notices);
  const release = await data.latestRelease();

  return {
    context: {
      k: data.kOf(release),
      width,
      company: { slug: company, name: companyChoices.find((c) => c.value === company)?.label ?? company },
      jobFamily: family,
      year: Number(year),
      level,
      month: '1970-01',
    },
    filters: [
      { name: 'company', label: 'Company', value: company, choices: companyChoices },
      { name: 'family', label: 'Job family', value: family, choices: familyChoices },
      { name: 'year', label: 'Year', value: year, choices: yearChoices },
      { name: 'level', label: 'Level (company comparison)', value: level, choices: levelChoices },
    ],
    notices,
    releaseId: release?.release_id ?? null,
  };
}

/** The page's heading and what it shows; routes.ts draws the page from this and the resolved filters. */
export const SALARIES_TEXT: PageText = {
  title: 'Salaries',
  intro:
    'Annual total pay (base + bonus + equity, USD) from salary reports. Each person counts once per company, job family and year; cells with too few reports are not shown.',
};
