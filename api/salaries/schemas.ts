// Request and response schemas of the salary routes (TypeBox → JSON Schema → /docs).
import { Type } from 'typebox';
import { ID_PATTERN } from '../ids.ts';
import {
  AMOUNT_BOUNDS_USD,
  type AmountField,
  CURRENCIES,
  FIRST_REPORT_YEAR,
  JOB_FAMILIES,
  LEVEL_LADDER,
  LEVELS,
  widestAmountBounds,
} from './salary-rules.ts';

const ladder = Object.entries(LEVEL_LADDER)
  .map(([level, meaning]) => `${level} ${meaning}`)
  .join('; ');

// The schema holds the widest range; submitSalary checks the currency's own (salary-rules.ts).
const amount = (field: AmountField, description: string) => {
  const { min, max } = widestAmountBounds(field);
  return Type.Number({
    minimum: min,
    maximum: max,
    description: `${description} At most about ${AMOUNT_BOUNDS_USD[field].max.toLocaleString('en-US')} US dollars a year in the currency given.`,
  });
};

export const SalaryBody = Type.Object(
  {
    jobFamily: Type.Enum([...JOB_FAMILIES]),
    level: Type.Enum([...LEVELS], { description: `The level ladder: ${ladder}.` }),
    city: Type.String({ minLength: 1, maxLength: 200, description: '1–60 characters; stored title-cased.' }),
    yearsExperience: Type.Integer({ minimum: 0, maximum: 60, description: 'Years of work in the field.' }),
    base: amount('base', 'Yearly base salary, in currency, before tax. At most two decimals.'),
    bonus: Type.Optional(amount('bonus', 'Yearly cash bonus (default 0).')),
    equity: Type.Optional(amount('equity', 'Yearly equity grant value (default 0).')),
    currency: Type.Enum([...CURRENCIES], { description: 'ISO 4217 code.' }),
    year: Type.Integer({
      minimum: FIRST_REPORT_YEAR,
      maximum: 9999,
      description: `The year the salary was paid: ${FIRST_REPORT_YEAR} to the current year.`,
    }),
  },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SalaryIdParams = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN, description: 'The id returned when the report was made.' }) },
  { additionalProperties: false },
);

export const SubmittedSchema = Type.Object({
  id: Type.String(),
  replaced: Type.Boolean({
    description: 'True when this report replaced your earlier one for the same job family and year.',
  }),
});

export const MySalariesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      jobFamily: Type.String(),
      level: Type.String(),
      city: Type.String(),
      yearsExperience: Type.Integer(),
      base: Type.Number(),
      bonus: Type.Number(),
      equity: Type.Number(),
      currency: Type.String(),
      year: Type.Integer(),
      submittedOn: Type.String({ description: 'Day the report was made (UTC).' }),
    }),
  ),
});
