// The fixed vocabulary of the demo world: cities (with currency and a local pay anchor), job
// families, levels, and the pay shape of each. Companies live in companies.ts.
import { JOB_FAMILIES, type JobFamily } from '../salaries/salary-rules.ts';

export const CITIES = [
  // base: annual base pay of an L3 engineer at an average company, in the local currency.
  { name: 'Beijing', currency: 'CNY', base: 360_000, zh: '北京' },
  { name: 'Shanghai', currency: 'CNY', base: 350_000, zh: '上海' },
  { name: 'Shenzhen', currency: 'CNY', base: 340_000, zh: '深圳' },
  { name: 'Hangzhou', currency: 'CNY', base: 320_000, zh: '杭州' },
  { name: 'Guangzhou', currency: 'CNY', base: 270_000, zh: '广州' },
  { name: 'Chengdu', currency: 'CNY', base: 220_000, zh: '成都' },
  { name: 'Singapore', currency: 'SGD', base: 98_000, zh: '新加坡' },
  { name: 'Bangalore', currency: 'INR', base: 2_400_000, zh: '班加罗尔' },
  { name: 'London', currency: 'GBP', base: 68_000, zh: '伦敦' },
  { name: 'Berlin', currency: 'EUR', base: 66_000, zh: '柏林' },
  { name: 'San Francisco', currency: 'USD', base: 168_000, zh: '旧金山' },
  { name: 'Seattle', currency: 'USD', base: 158_000, zh: '西雅图' },
  { name: 'New York', currency: 'USD', base: 160_000, zh: '纽约' },
  { name: 'Toronto', currency: 'CAD', base: 112_000, zh: '多伦多' },
] as const;

export type CityName = (typeof CITIES)[number]['name'];
export const CITY_INDEX: ReadonlyMap<string, number> = new Map(CITIES.map((c, i) => [c.name, i]));

/** Rounding step of reported amounts per currency (people report round numbers). */
export const ROUNDING: Readonly<Record<string, number>> = {
  CNY: 1000,
  INR: 10_000,
  USD: 500,
  EUR: 500,
  GBP: 500,
  SGD: 500,
  CAD: 500,
};

export { JOB_FAMILIES, type JobFamily };

/** Base pay relative to engineering, and how much of pay is bonus relative to the company norm. */
export const FAMILY_PAY: Readonly<Record<JobFamily, { base: number; bonus: number }>> = {
  engineering: { base: 1.0, bonus: 1.0 },
  product: { base: 1.03, bonus: 1.0 },
  design: { base: 0.88, bonus: 0.9 },
  data: { base: 0.98, bonus: 1.0 },
  sales: { base: 0.82, bonus: 2.6 },
  marketing: { base: 0.8, bonus: 1.1 },
  operations: { base: 0.72, bonus: 0.9 },
  people: { base: 0.76, bonus: 0.8 },
  finance: { base: 0.86, bonus: 1.1 },
  legal: { base: 0.96, bonus: 0.9 },
  support: { base: 0.6, bonus: 0.7 },
};

export const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'] as const;
/** Base multiplier per level (L3 = 1): roughly 30 % a step, steeper at the top. */
export const LEVEL_PAY = [0.56, 0.74, 1.0, 1.3, 1.68, 2.2, 2.9, 3.8] as const;
/** How many people sit at each level: a pyramid with a thin top. */
export const LEVEL_SHARE = [0.09, 0.18, 0.23, 0.2, 0.14, 0.09, 0.05, 0.02] as const;
/** Typical years of experience at each level. */
export const LEVEL_YEARS = [0.5, 2, 4, 6.5, 9, 12, 15, 19] as const;

export type FamilyMix = Readonly<Partial<Record<JobFamily, number>>>;

export const FAMILY_MIX = {
  tech: {
    engineering: 38,
    product: 9,
    design: 5,
    data: 8,
    sales: 9,
    marketing: 6,
    operations: 8,
    people: 4,
    finance: 4,
    legal: 2,
    support: 7,
  },
  commerce: {
    engineering: 24,
    product: 8,
    design: 4,
    data: 7,
    sales: 16,
    marketing: 10,
    operations: 15,
    people: 4,
    finance: 4,
    legal: 2,
    support: 6,
  },
  logistics: {
    engineering: 14,
    product: 5,
    design: 2,
    data: 5,
    sales: 12,
    marketing: 5,
    operations: 38,
    people: 5,
    finance: 5,
    legal: 2,
    support: 7,
  },
  games: {
    engineering: 34,
    product: 10,
    design: 18,
    data: 6,
    sales: 3,
    marketing: 10,
    operations: 8,
    people: 3,
    finance: 3,
    legal: 1,
    support: 4,
  },
  finance: {
    engineering: 26,
    product: 8,
    design: 3,
    data: 10,
    sales: 14,
    marketing: 6,
    operations: 10,
    people: 4,
    finance: 10,
    legal: 5,
    support: 4,
  },
  hardware: {
    engineering: 42,
    product: 8,
    design: 6,
    data: 4,
    sales: 10,
    marketing: 5,
    operations: 12,
    people: 4,
    finance: 4,
    legal: 2,
    support: 3,
  },
  services: {
    engineering: 12,
    product: 6,
    design: 6,
    data: 6,
    sales: 18,
    marketing: 12,
    operations: 14,
    people: 6,
    finance: 6,
    legal: 6,
    support: 8,
  },
} as const satisfies Record<string, FamilyMix>;
export type CompanyKind = keyof typeof FAMILY_MIX;
