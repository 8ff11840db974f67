// The 40 fictional companies of the demo (made-up names, `.example` domains only) with a realistic
// skew: a few giants, a middle tier and a long tail of small firms. Each has its cities, a pay
// premium and its own bonus and equity habits, so the salary dashboards differ between them.
import { CITY_INDEX, type CompanyKind, FAMILY_MIX, JOB_FAMILIES } from './catalog.ts';
import { type Prng, WeightedPicker } from './prng.ts';

interface CompanySpec {
  slug: string;
  name: string;
  /** Name used in Chinese posts (defaults to the English name). */
  zh?: string;
  /** Relative size: share of people, and so of posts and salary reports. */
  size: number;
  kind: CompanyKind;
  /** "City:weight …" */
  cities: string;
  /** Log pay premium over the market (0.1 ≈ 10 % above). */
  premium: number;
  /** Typical bonus as a share of base. */
  bonus: number;
  /** Typical yearly equity as a share of base at L3 (grows with level). */
  equity: number;
  /** Share of posts written in Chinese. */
  zhShare: number;
  /** Baseline mood: shifts the share of positive vs negative posts. */
  mood: number;
  /** Further e-mail domains besides <slug>.example. */
  domains?: string[];
}

const CN_BIG = 'Beijing:5 Shanghai:4 Shenzhen:3 Hangzhou:3 Guangzhou:1 Chengdu:2';

const SPECS: readonly CompanySpec[] = [
  // Giants
  {
    slug: 'lumenforge',
    name: 'Lumenforge',
    size: 18,
    kind: 'tech',
    cities: 'San Francisco:5 Seattle:4 New York:2 London:2 Bangalore:3 Singapore:1 Toronto:1 Shanghai:1',
    premium: 0.22,
    bonus: 0.15,
    equity: 0.45,
    zhShare: 0.08,
    mood: 0.05,
    domains: ['lumenforge-corp.example'],
  },
  {
    slug: 'qinghe-digital',
    name: 'Qinghe Digital',
    zh: '青禾数字',
    size: 15,
    kind: 'tech',
    cities: CN_BIG,
    premium: 0.15,
    bonus: 0.2,
    equity: 0.18,
    zhShare: 0.82,
    mood: -0.05,
    domains: ['qinghe.example'],
  },
  {
    slug: 'starriver-interactive',
    name: 'Starriver Interactive',
    zh: '星河互娱',
    size: 12,
    kind: 'games',
    cities: 'Shenzhen:6 Guangzhou:3 Shanghai:2 Chengdu:2 Singapore:1',
    premium: 0.12,
    bonus: 0.3,
    equity: 0.12,
    zhShare: 0.85,
    mood: -0.02,
  },
  {
    slug: 'cobalt-harbor',
    name: 'Cobalt Harbor',
    size: 10,
    kind: 'commerce',
    cities: 'Seattle:5 New York:3 Toronto:2 London:2 Bangalore:2',
    premium: 0.1,
    bonus: 0.1,
    equity: 0.35,
    zhShare: 0.05,
    mood: 0,
  },
  // Middle tier
  {
    slug: 'beichen-cloud',
    name: 'Beichen Cloud',
    zh: '北辰云',
    size: 6,
    kind: 'tech',
    cities: 'Beijing:6 Hangzhou:3 Chengdu:1',
    premium: 0.05,
    bonus: 0.15,
    equity: 0.08,
    zhShare: 0.85,
    mood: -0.05,
  },
  {
    slug: 'youlan-pay',
    name: 'Youlan Pay',
    zh: '幽兰支付',
    size: 5.5,
    kind: 'finance',
    cities: 'Hangzhou:5 Shanghai:3 Singapore:1',
    premium: 0.12,
    bonus: 0.25,
    equity: 0.1,
    zhShare: 0.8,
    mood: 0.02,
  },
  {
    slug: 'tidewell-logistics',
    name: 'Tidewell Logistics',
    zh: '潮汐物流',
    size: 5,
    kind: 'logistics',
    cities: 'Guangzhou:4 Shenzhen:3 Chengdu:2 Shanghai:1',
    premium: -0.12,
    bonus: 0.08,
    equity: 0,
    zhShare: 0.8,
    mood: -0.1,
  },
  {
    slug: 'meridian-health-labs',
    name: 'Meridian Health Labs',
    size: 4.5,
    kind: 'services',
    cities: 'Berlin:4 London:4 New York:1',
    premium: 0,
    bonus: 0.1,
    equity: 0.05,
    zhShare: 0.02,
    mood: 0.08,
  },
  {
    slug: 'pinecrest-games',
    name: 'Pinecrest Games',
    size: 4,
    kind: 'games',
    cities: 'Seattle:3 Toronto:3 London:1 Shanghai:1',
    premium: -0.02,
    bonus: 0.12,
    equity: 0.15,
    zhShare: 0.12,
    mood: 0.03,
  },
  {
    slug: 'kestrel-robotics',
    name: 'Kestrel Robotics',
    zh: '隼翼机器人',
    size: 3.8,
    kind: 'hardware',
    cities: 'Shenzhen:5 Singapore:2 Berlin:1',
    premium: 0.06,
    bonus: 0.12,
    equity: 0.2,
    zhShare: 0.6,
    mood: 0.05,
  },
  {
    slug: 'saffron-ledger',
    name: 'Saffron Ledger',
    size: 3.5,
    kind: 'finance',
    cities: 'Bangalore:5 Singapore:2 London:2',
    premium: 0.08,
    bonus: 0.22,
    equity: 0.12,
    zhShare: 0.03,
    mood: 0,
  },
  {
    slug: 'jadepeak-motors',
    name: 'Jadepeak Motors',
    zh: '玉峰汽车',
    size: 3.5,
    kind: 'hardware',
    cities: 'Shanghai:5 Hangzhou:2 Berlin:1',
    premium: 0.02,
    bonus: 0.15,
    equity: 0.1,
    zhShare: 0.75,
    mood: -0.08,
  },
  {
    slug: 'brightloom-education',
    name: 'Brightloom Education',
    zh: '明织教育',
    size: 3,
    kind: 'services',
    cities: 'Beijing:4 Chengdu:3 Guangzhou:1',
    premium: -0.1,
    bonus: 0.1,
    equity: 0.02,
    zhShare: 0.9,
    mood: -0.1,
  },
  {
    slug: 'halcyon-ads',
    name: 'Halcyon Ads',
    size: 2.6,
    kind: 'tech',
    cities: 'New York:4 London:2 Singapore:2',
    premium: 0.06,
    bonus: 0.2,
    equity: 0.2,
    zhShare: 0.05,
    mood: -0.02,
  },
  // Long tail
  {
    slug: 'quillstone',
    name: 'Quillstone Legal Tech',
    size: 1.6,
    kind: 'services',
    cities: 'London:4 New York:1',
    premium: 0.02,
    bonus: 0.12,
    equity: 0.06,
    zhShare: 0.02,
    mood: 0.05,
  },
  {
    slug: 'emberline-studio',
    name: 'Emberline Studio',
    size: 1.4,
    kind: 'games',
    cities: 'Berlin:3 London:1',
    premium: -0.1,
    bonus: 0.05,
    equity: 0.08,
    zhShare: 0.02,
    mood: 0.12,
  },
  {
    slug: 'mossgate-analytics',
    name: 'Mossgate Analytics',
    size: 1.5,
    kind: 'tech',
    cities: 'Toronto:3 New York:1',
    premium: 0.0,
    bonus: 0.08,
    equity: 0.15,
    zhShare: 0.05,
    mood: 0.05,
  },
  {
    slug: 'driftwood-travel',
    name: 'Driftwood Travel',
    size: 1.8,
    kind: 'commerce',
    cities: 'Singapore:3 Bangalore:2 Shanghai:1',
    premium: -0.05,
    bonus: 0.1,
    equity: 0.05,
    zhShare: 0.2,
    mood: 0,
  },
  {
    slug: 'copperfin-insurance',
    name: 'Copperfin Insurance',
    size: 2,
    kind: 'finance',
    cities: 'London:2 Toronto:2 Singapore:1',
    premium: -0.04,
    bonus: 0.15,
    equity: 0,
    zhShare: 0.05,
    mood: -0.04,
  },
  {
    slug: 'juniper-grid',
    name: 'Juniper Grid Energy',
    size: 1.2,
    kind: 'hardware',
    cities: 'Berlin:2 Seattle:1',
    premium: 0.0,
    bonus: 0.1,
    equity: 0.04,
    zhShare: 0.02,
    mood: 0.08,
  },
  {
    slug: 'silverbirch-hr',
    name: 'Silverbirch HR',
    size: 0.9,
    kind: 'services',
    cities: 'London:1 Bangalore:1',
    premium: -0.08,
    bonus: 0.08,
    equity: 0.03,
    zhShare: 0.02,
    mood: 0.02,
  },
  {
    slug: 'wavecrest-media',
    name: 'Wavecrest Media',
    size: 1.3,
    kind: 'services',
    cities: 'New York:2 Toronto:1',
    premium: -0.06,
    bonus: 0.1,
    equity: 0.05,
    zhShare: 0.03,
    mood: -0.05,
  },
  {
    slug: 'tanglewood-foods',
    name: 'Tanglewood Foods',
    size: 1.7,
    kind: 'logistics',
    cities: 'Chengdu:2 Guangzhou:2 Singapore:1',
    premium: -0.18,
    bonus: 0.06,
    equity: 0,
    zhShare: 0.6,
    mood: -0.06,
  },
  {
    slug: 'ironbark-security',
    name: 'Ironbark Security',
    size: 1.1,
    kind: 'tech',
    cities: 'Seattle:2 Berlin:1',
    premium: 0.1,
    bonus: 0.1,
    equity: 0.25,
    zhShare: 0.02,
    mood: 0.06,
  },
  {
    slug: 'papercrane-design',
    name: 'Papercrane Design',
    size: 0.6,
    kind: 'services',
    cities: 'Shanghai:2 Singapore:1',
    premium: -0.08,
    bonus: 0.06,
    equity: 0.02,
    zhShare: 0.55,
    mood: 0.1,
  },
  {
    slug: 'bluefern-bio',
    name: 'Bluefern Biotech',
    size: 1,
    kind: 'services',
    cities: 'San Francisco:2 Berlin:1',
    premium: 0.05,
    bonus: 0.08,
    equity: 0.3,
    zhShare: 0.03,
    mood: 0.04,
  },
  {
    slug: 'redkite-mobility',
    name: 'Redkite Mobility',
    size: 1.4,
    kind: 'commerce',
    cities: 'Bangalore:3 Singapore:1',
    premium: -0.05,
    bonus: 0.1,
    equity: 0.15,
    zhShare: 0.02,
    mood: -0.04,
  },
  {
    slug: 'cinderhill-hardware',
    name: 'Cinderhill Hardware',
    size: 0.8,
    kind: 'hardware',
    cities: 'Shenzhen:2 Toronto:1',
    premium: -0.06,
    bonus: 0.08,
    equity: 0.05,
    zhShare: 0.5,
    mood: 0,
  },
  {
    slug: 'foxglove-retail',
    name: 'Foxglove Retail',
    size: 1.9,
    kind: 'commerce',
    cities: 'London:2 Berlin:1 New York:1',
    premium: -0.15,
    bonus: 0.05,
    equity: 0.02,
    zhShare: 0.02,
    mood: -0.05,
  },
  {
    slug: 'lanternfish-data',
    name: 'Lanternfish Data',
    size: 0.7,
    kind: 'tech',
    cities: 'Singapore:2 Hangzhou:1',
    premium: 0.04,
    bonus: 0.1,
    equity: 0.2,
    zhShare: 0.35,
    mood: 0.06,
  },
  {
    slug: 'cangshu-cloud',
    name: 'Cangshu Cloud',
    zh: '苍术云',
    size: 1.5,
    kind: 'tech',
    cities: 'Hangzhou:3 Chengdu:1',
    premium: -0.02,
    bonus: 0.12,
    equity: 0.05,
    zhShare: 0.85,
    mood: -0.03,
  },
  {
    slug: 'yuewei-data',
    name: 'Yuewei Data',
    zh: '岳蔚数据',
    size: 1.2,
    kind: 'tech',
    cities: 'Beijing:2 Chengdu:1',
    premium: -0.04,
    bonus: 0.1,
    equity: 0.04,
    zhShare: 0.9,
    mood: -0.06,
  },
  {
    slug: 'heqiao-mobility',
    name: 'Heqiao Mobility',
    zh: '禾桥出行',
    size: 2.2,
    kind: 'commerce',
    cities: 'Beijing:2 Guangzhou:2 Chengdu:1',
    premium: 0.0,
    bonus: 0.12,
    equity: 0.06,
    zhShare: 0.85,
    mood: -0.08,
  },
  {
    slug: 'songlan-media',
    name: 'Songlan Media',
    zh: '松岚传媒',
    size: 0.9,
    kind: 'services',
    cities: 'Shanghai:2 Guangzhou:1',
    premium: -0.12,
    bonus: 0.1,
    equity: 0,
    zhShare: 0.9,
    mood: 0,
  },
  {
    slug: 'baiyu-semi',
    name: 'Baiyu Semiconductor',
    zh: '白屿半导体',
    size: 1.6,
    kind: 'hardware',
    cities: 'Shanghai:2 Shenzhen:2 Singapore:1',
    premium: 0.08,
    bonus: 0.2,
    equity: 0.1,
    zhShare: 0.7,
    mood: 0.04,
  },
  {
    slug: 'qiuyan-medical',
    name: 'Qiuyan Medical',
    zh: '秋砚医疗',
    size: 0.8,
    kind: 'services',
    cities: 'Chengdu:2 Beijing:1',
    premium: -0.1,
    bonus: 0.08,
    equity: 0.02,
    zhShare: 0.9,
    mood: 0.02,
  },
  {
    slug: 'shanlan-robotics',
    name: 'Shanlan Robotics',
    zh: '山岚机器人',
    size: 0.5,
    kind: 'hardware',
    cities: 'Hangzhou:1 Shenzhen:1',
    premium: 0.02,
    bonus: 0.1,
    equity: 0.18,
    zhShare: 0.85,
    mood: 0.08,
  },
  {
    slug: 'northgale-studios',
    name: 'Northgale Studios',
    size: 0.4,
    kind: 'games',
    cities: 'Toronto:1 Berlin:1',
    premium: -0.1,
    bonus: 0.05,
    equity: 0.1,
    zhShare: 0.02,
    mood: 0.1,
  },
  {
    slug: 'velvet-oak-insights',
    name: 'Velvet Oak Insights',
    size: 0.5,
    kind: 'services',
    cities: 'New York:1 Toronto:1',
    premium: -0.02,
    bonus: 0.1,
    equity: 0.04,
    zhShare: 0.02,
    mood: 0.03,
  },
  {
    slug: 'marigold-freight',
    name: 'Marigold Freight',
    size: 0.7,
    kind: 'logistics',
    cities: 'Singapore:1 Bangalore:2',
    premium: -0.15,
    bonus: 0.06,
    equity: 0,
    zhShare: 0.05,
    mood: -0.06,
  },
];

export interface Company {
  readonly index: number;
  id: string;
  readonly slug: string;
  readonly name: string;
  readonly zhName: string;
  readonly size: number;
  readonly domains: readonly string[];
  readonly premium: number;
  readonly bonusShare: number;
  readonly equityShare: number;
  readonly zhShare: number;
  readonly mood: number;
  readonly cityPicker: WeightedPicker;
  /** City indices (into CITIES) parallel to the picker's weights. */
  readonly cityIndices: readonly number[];
  readonly familyPicker: WeightedPicker;
}

export const COMPANY_COUNT = SPECS.length;

function parseCities(spec: CompanySpec): { indices: number[]; weights: number[] } {
  const indices: number[] = [];
  const weights: number[] = [];
  for (const [, name, weight] of spec.cities.matchAll(/([A-Za-z ]+?):(\d+(?:\.\d+)?)/g)) {
    const index = CITY_INDEX.get(name!.trim());
    if (index === undefined) throw new Error(`company ${spec.slug}: unknown city in "${spec.cities}"`);
    indices.push(index);
    weights.push(Number(weight));
  }
  return { indices, weights };
}

/** The companies with ids drawn from the id stream (so the same seed gives the same ids). */
export function makeCompanies(ids: Prng, newId: (random: Prng) => string): Company[] {
  return SPECS.map((spec, index) => {
    const { indices, weights } = parseCities(spec);
    const mix = FAMILY_MIX[spec.kind] as Readonly<Record<string, number>>;
    return {
      index,
      id: newId(ids),
      slug: spec.slug,
      name: spec.name,
      zhName: spec.zh ?? spec.name,
      size: spec.size,
      domains: [`${spec.slug}.example`, ...(spec.domains ?? [])],
      premium: spec.premium,
      bonusShare: spec.bonus,
      equityShare: spec.equity,
      zhShare: spec.zhShare,
      mood: spec.mood,
      cityPicker: new WeightedPicker(weights),
      cityIndices: indices,
      familyPicker: new WeightedPicker(JOB_FAMILIES.map((family) => mix[family] ?? 0)),
    };
  });
}
