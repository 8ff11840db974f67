// The protection policy: every number and threshold of the scraper defence, in one JSON file
// validated at load. The default ships beside this file (default-policy.json); PROTECTION_POLICY
// names another. A bad file stops start-up with one line per problem, each naming its field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

export const ROUTE_CLASSES = ['auth', 'read', 'list', 'write', 'account', 'operator', 'public'] as const;
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('./default-policy.json', import.meta.url));

const strict = { additionalProperties: false } as const;
const Weight = Type.Integer({ minimum: 0, maximum: 100 });
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const Positive = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Threshold = Type.Integer({ minimum: 1, maximum: 101 });
const Steps = Type.Array(Type.Object({ atLeast: Positive, weight: Weight }, strict), { maxItems: 10 });
const MemberKinds = Type.Array(Type.Enum(['employee', 'verified', 'member']), { maxItems: 3 });

const Budget = Type.Object(
  {
    windowSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
    perAccount: Count,
    perNetwork: Count,
    perFingerprint: Count,
  },
  strict,
);
const FailMode = Type.Enum(['closed', 'local', 'open']);
const perClass = <T extends ReturnType<typeof Type.Object> | typeof FailMode>(schema: T) =>
  Type.Object(
    {
      auth: schema,
      read: schema,
      list: schema,
      write: schema,
      account: schema,
      operator: schema,
      public: schema,
    },
    strict,
  );

export const PolicySchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    version: Type.Literal(1),
    decisionClasses: Type.Array(Type.Enum([...ROUTE_CLASSES]), { maxItems: 7 }),
    thresholds: Type.Object({ throttle: Threshold, challenge: Threshold, block: Threshold }, strict),
    throttleFactor: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    budgets: perClass(Budget),
    readQuota: Type.Object(
      {
        perAccountPerDay: Count,
        // New cheap accounts (behaviour.sybil's cheapKinds and maxAgeDays); perAccountPerDay when absent.
        perCheapAccountPerDay: Type.Optional(Positive),
      },
      strict,
    ),
    redisDown: perClass(FailMode),
    challenge: Type.Object(
      {
        minBits: Type.Integer({ minimum: 1, maximum: 32 }),
        maxBits: Type.Integer({ minimum: 1, maximum: 32 }),
        ttlSeconds: Type.Integer({ minimum: 10, maximum: 3600 }),
        passTtlSeconds: Type.Integer({ minimum: 10, maximum: 86_400 }),
      },
      strict,
    ),
    fingerprint: Type.Object(
      {
        weights: Type.Object(
          {
            botUserAgent: Weight,
            emptyUserAgent: Weight,
            chromeWithoutClientHints: Weight,
            browserWithoutSecFetch: Weight,
            clientHintMismatch: Weight,
            missingAcceptLanguage: Weight,
            libraryHeaderOrder: Weight,
          },
          strict,
        ),
        libraryHeaderOrders: Type.Array(
          Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 60 }),
              order: Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }), { minItems: 1, maxItems: 20 }),
              match: Type.Enum(['prefix', 'exact']),
            },
            strict,
          ),
          { maxItems: 50 },
        ),
      },
      strict,
    ),
    behaviour: Type.Object(
      {
        regularity: Type.Object(
          {
            keep: Type.Integer({ minimum: 3, maximum: 100 }),
            minIntervals: Type.Integer({ minimum: 2, maximum: 99 }),
            ignoreGapsOverSeconds: Positive,
            maxMedianSeconds: Positive,
            steps: Type.Array(
              Type.Object({ cvAtMost: Type.Number({ minimum: 0, maximum: 10 }), weight: Weight }, strict),
              { maxItems: 10 },
            ),
          },
          strict,
        ),
        breadth: Type.Object(
          {
            windowMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
            recentMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
            maxTracked: Type.Integer({ minimum: 1, maximum: 10_000 }),
            steps: Steps,
            recentSteps: Steps,
          },
          strict,
        ),
        pagination: Type.Object(
          {
            keep: Type.Integer({ minimum: 2, maximum: 100 }),
            deepPage: Positive,
            deepWeight: Weight,
            walkLength: Type.Integer({ minimum: 2, maximum: 100 }),
            walkWeight: Weight,
          },
          strict,
        ),
        readWrite: Type.Object({ minReads: Positive, weight: Weight }, strict),
        accountStanding: Type.Object(
          { youngDays: Count, youngWeight: Weight, unverifiedKinds: MemberKinds, unverifiedWeight: Weight },
          strict,
        ),
        sybil: Type.Object(
          {
            windowMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
            maxTracked: Type.Integer({ minimum: 1, maximum: 10_000 }),
            cheapKinds: MemberKinds,
            maxAgeDays: Count,
            steps: Steps,
          },
          strict,
        ),
        networkHopping: Type.Object(
          {
            windowMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
            maxTracked: Type.Integer({ minimum: 1, maximum: 10_000 }),
            steps: Steps,
          },
          strict,
        ),
        // Challenges issued to an actor today and never traded for a pass (off when absent).
        unansweredChallenges: Type.Optional(Type.Object({ steps: Steps }, strict)),
        // A block is remembered for the actor this long (off when absent).
        blockMemory: Type.Optional(
          Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 24 * 30 }), weight: Weight }, strict),
        ),
      },
      strict,
    ),
    traps: Type.Object(
      {
        markHours: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
        honeypotPaths: Type.Array(Type.String({ pattern: '^/[A-Za-z0-9/_.-]+$', maxLength: 200 }), {
          maxItems: 20,
        }),
        weights: Type.Object(
          {
            canary: Weight,
            honeypot: Weight,
            markedAccount: Weight,
            markedClient: Weight,
            markedClientOtherAccount: Weight,
            markedNetwork: Weight,
          },
          strict,
        ),
      },
      strict,
    ),
  },
  strict,
);

export type Policy = Static<typeof PolicySchema>;
export type WeightStep = Policy['behaviour']['sybil']['steps'][number];

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Protection policy ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

/** Reads and validates a policy file (the shipped default when `path` is undefined). */
export function loadPolicy(path: string | undefined): Policy {
  const source = path ?? DEFAULT_POLICY_PATH;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new PolicyError(source, [`cannot be read: ${(error as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyError(source, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return validatePolicy(parsed, source);
}

/** Checks shape and meaning; returns the policy frozen, or throws a PolicyError listing every problem. */
export function validatePolicy(value: unknown, source = 'policy'): Policy {
  if (!Value.Check(PolicySchema, value)) throw new PolicyError(source, describeSchemaErrors(value));
  const problems = meaningProblems(value);
  if (problems.length > 0) throw new PolicyError(source, problems);
  return deepFreeze(value);
}

function describeSchemaErrors(value: unknown): string[] {
  const byPath = new Map<string, { message: string; allowed: unknown[] }>();
  for (const error of Value.Errors(PolicySchema, value)) {
    const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(top level)';
    if (error.keyword === 'additionalProperties') continue; // reported per field below
    let entry = byPath.get(field);
    if (!entry) {
      entry = { message: '', allowed: [] };
      byPath.set(field, entry);
    }
    if (error.keyword === 'boolean' && error.schemaPath.endsWith('additionalProperties'))
      entry.message = 'is not a setting the policy knows: remove it or check its spelling';
    else if (error.keyword === 'const' || error.keyword === 'enum') {
      const params = error.params as { allowedValue?: unknown; allowedValues?: unknown[] };
      entry.allowed.push(...(params.allowedValues ?? [params.allowedValue]));
    } else if (error.keyword === 'required') {
      const missing = error.params as { requiredProperties?: string[]; missingProperty?: string };
      entry.message = `is missing ${(missing.requiredProperties ?? [missing.missingProperty]).map((m) => `"${m}"`).join(', ')}`;
    } else if (!entry.message && error.keyword !== 'anyOf') entry.message = error.message;
  }
  return [...byPath].map(([field, { message, allowed }]) =>
    allowed.length > 0 && !message
      ? `${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`
      : `${field} ${message || 'is invalid'}`,
  );
}

function meaningProblems(policy: Policy): string[] {
  const problems: string[] = [];
  const { thresholds: t } = policy;
  if (!(t.throttle <= t.challenge && t.challenge <= t.block))
    problems.push(
      `thresholds must rise: throttle (${t.throttle}) ≤ challenge (${t.challenge}) ≤ block (${t.block}); 101 means "never"`,
    );
  if (policy.challenge.minBits > policy.challenge.maxBits)
    problems.push(
      `challenge.minBits (${policy.challenge.minBits}) must not exceed challenge.maxBits (${policy.challenge.maxBits})`,
    );
  if (new Set(policy.decisionClasses).size !== policy.decisionClasses.length)
    problems.push('decisionClasses lists a route class twice');
  if (policy.decisionClasses.includes('operator'))
    problems.push(
      'decisionClasses must not include "operator": operators would lock themselves out of their API',
    );
  const b = policy.behaviour;
  checkSteps(problems, 'behaviour.breadth.steps', b.breadth.steps);
  checkSteps(problems, 'behaviour.breadth.recentSteps', b.breadth.recentSteps);
  checkSteps(problems, 'behaviour.sybil.steps', b.sybil.steps);
  checkSteps(problems, 'behaviour.networkHopping.steps', b.networkHopping.steps);
  if (b.unansweredChallenges)
    checkSteps(problems, 'behaviour.unansweredChallenges.steps', b.unansweredChallenges.steps);
  if (b.breadth.recentMinutes >= b.breadth.windowMinutes)
    problems.push(
      `behaviour.breadth.recentMinutes (${b.breadth.recentMinutes}) must be shorter than windowMinutes (${b.breadth.windowMinutes})`,
    );
  if (b.regularity.minIntervals >= b.regularity.keep)
    problems.push(
      `behaviour.regularity.minIntervals (${b.regularity.minIntervals}) must be below keep (${b.regularity.keep}): ${b.regularity.keep} times give ${b.regularity.keep - 1} intervals`,
    );
  b.regularity.steps.forEach((step, i) => {
    const before = b.regularity.steps[i - 1];
    if (before && !(step.cvAtMost < before.cvAtMost && step.weight >= before.weight))
      problems.push(
        `behaviour.regularity.steps.${i}: each step must have a smaller cvAtMost and no smaller weight than the one before`,
      );
  });
  const paths = policy.traps.honeypotPaths;
  if (new Set(paths).size !== paths.length) problems.push('traps.honeypotPaths lists a path twice');
  for (const path of paths) {
    if (
      path === '/robots.txt' ||
      path === '/metrics' ||
      path.startsWith('/v1/operator') ||
      path === '/v1/challenge'
    )
      problems.push(`traps.honeypotPaths: "${path}" is a real endpoint and cannot be a trap`);
  }
  return problems;
}

function checkSteps(problems: string[], field: string, steps: readonly WeightStep[]): void {
  steps.forEach((step, i) => {
    const before = steps[i - 1];
    if (before && !(step.atLeast > before.atLeast && step.weight >= before.weight))
      problems.push(
        `${field}.${i}: each step must have a larger atLeast and no smaller weight than the one before`,
      );
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The weight of the highest step whose atLeast `value` reaches (0 if none). */
export function stepWeight(steps: readonly WeightStep[], value: number): number {
  let weight = 0;
  for (const step of steps) if (value >= step.atLeast) weight = step.weight;
  return weight;
}
