// Hand-picked hostile values: the strings attackers and broken clients actually send. Used as
// field values, path segments, query keys and values by both fuzzers.

const zalgo = `a${'\u0301\u0302\u0303\u0308\u0323'.repeat(400)}`;

/** Unicode that breaks naive length checks, displays, normalisation or UTF-16 handling. */
export const UNICODE_EDGE_CASES: readonly string[] = [
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff low surrogate',
  '\udbff\udfff',
  '\u202eevil\u202c txt.exe',
  '\u2066isolate\u2069',
  'zero\u200bwidth\u200c\u200d\ufeff',
  zalgo,
  '👩‍👩‍👧‍👦🏳️‍🌈🇨🇳'.repeat(20),
  '\u{10ffff}\u{e0001}',
  'ﷺ'.repeat(50),
  '\u0085next line\u2028line sep\u2029para',
  '\r\n\t\v\f\b',
  '\u001b[31mred\u001b[0m',
  'Ａｃｍｅ', // fullwidth
  'İı ß ﬃ', // case mapping changes length
];

/** SQL that would do damage if anything concatenated it into a statement. */
export const SQL_INJECTION: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE posts; --",
  "acme'); DELETE FROM accounts; --",
  '1 UNION SELECT email_hash, password_hash FROM accounts',
  "$1'::text",
  '\\x27; SELECT pg_sleep(10); --',
  "1; COPY (SELECT '') TO PROGRAM 'id'",
  "read_csv('/etc/passwd')",
  "\"; ATTACH '/tmp/x.duckdb' AS x; --",
];

/** Keys that pollute prototypes when merged naively. */
export const PROTOTYPE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** Strings aimed at paths, templates and headers. */
export const PATH_AND_MARKUP: readonly string[] = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//package.json',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  'file:///etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}$' + '{7*7}<%= 7*7 %>', // template injection, split so no linter mistakes it for a template
  'x\r\nSet-Cookie: pwned=1',
  '%0d%0aLocation: https://evil.example',
  '%00',
  '%FF%FE',
];

/** Numbers and number-like text at the edges. */
export const NUMBERISH: readonly string[] = [
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  ' 1',
  '١٢٣', // Arabic-Indic digits
  '',
];

export const HOSTILE_STRINGS: readonly string[] = [
  ...UNICODE_EDGE_CASES,
  ...SQL_INJECTION,
  ...PROTOTYPE_KEYS,
  ...PATH_AND_MARKUP,
  ...NUMBERISH,
  'a'.repeat(5000),
];

/** Content types a JSON route must refuse or survive. */
export const CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'application/vnd.api+json',
  'json',
  ';;;',
];
