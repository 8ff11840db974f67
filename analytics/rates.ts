// Salary amounts in one currency (P5): every report is converted to US dollars with one dated rate
// table shipped here, then rounded to the nearest 1,000 USD so no amount is a fingerprint.
//
// Source: European Central Bank, euro foreign exchange reference rates of 28 February 2025
// (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html),
// units of each currency per 1 EUR, as republished that day (transcribed from
// https://eurodripusa.net/?p=3470). One date for every salary year: published percentiles are
// "USD at the 28 Feb 2025 ECB rates", not year-average rates. Update RATES_DATE with the table.
export const RATES_DATE = '2025-02-28';
export const RATES_SOURCE = 'ECB euro foreign exchange reference rates, 28 February 2025';
export const ROUND_TO_USD = 1000;

/** Units per 1 EUR (ECB reference rates, 2025-02-28). */
const PER_EUR: Readonly<Record<string, number>> = Object.freeze({
  EUR: 1,
  USD: 1.0411,
  JPY: 156.96,
  BGN: 1.9558,
  CZK: 25.029,
  DKK: 7.4583,
  GBP: 0.82608,
  HUF: 399.5,
  PLN: 4.1503,
  RON: 4.9768,
  SEK: 11.188,
  CHF: 0.9394,
  ISK: 145.7,
  NOK: 11.7245,
  TRY: 38.0186,
  AUD: 1.6741,
  BRL: 6.0712,
  CAD: 1.5019,
  CNY: 7.5782,
  HKD: 8.098,
  IDR: 17228.17,
  ILS: 3.7457,
  INR: 90.971,
  KRW: 1519.92,
  MXN: 21.2191,
  MYR: 4.6459,
  NZD: 1.8579,
  PHP: 60.355,
  SGD: 1.4037,
  THB: 35.567,
  ZAR: 19.1917,
});

export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze(Object.keys(PER_EUR).sort());

/** USD per one unit of `currency`, or undefined for a currency the table does not have. */
export function usdPerUnit(currency: string): number | undefined {
  const perEur = PER_EUR[currency.trim().toUpperCase()];
  return perEur === undefined ? undefined : PER_EUR.USD! / perEur;
}

/** `amount` of `currency` in whole USD rounded to the nearest 1,000; undefined if unconvertible. */
export function toRoundedUsd(amount: number, currency: string): number | undefined {
  const rate = usdPerUnit(currency);
  if (rate === undefined || !Number.isFinite(amount) || amount < 0) return undefined;
  return Math.round((amount * rate) / ROUND_TO_USD) * ROUND_TO_USD;
}
