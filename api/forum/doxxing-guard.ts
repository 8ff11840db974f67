// The doxxing guard: refuses text that carries a phone number, an e-mail address or a national ID
// number. Such a detail outs a person (the author or someone else) for as long as the text exists,
// and P4 promises no column holds an e-mail address, so it is refused rather than stored.
// Text is NFKC-normalised first so full-width digits (１３８…) and ＠ are caught too.
import { badRequest } from '../errors.ts';

export type PersonalDataKind = 'phone number' | 'e-mail address' | 'national ID number';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The match with its middle masked, so the author can find it without the message repeating it. */
  hint: string;
}

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Extra check on a match (checksums, digit counts); absent → every match counts. */
  accept?: (match: string) => boolean;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

// CN resident ID (GB 11643): weights of the first 17 digits and the check character for sum mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isChineseResidentId(raw: string): boolean {
  const id = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

const DETECTORS: readonly Detector[] = [
  {
    kind: 'e-mail address',
    pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
  },
  {
    // "name [at] acme [dot] com", "name(at)acme(dot)com": the usual way around naive filters.
    kind: 'e-mail address',
    pattern:
      /[\p{L}\p{N}._%+-]+\s*[[(]\s*at\s*[\])]\s*[\p{L}\p{N}-]+(?:\s*[[(]\s*dot\s*[\])]\s*[\p{L}\p{N}-]+)+/giu,
  },
  {
    // 18-digit CN resident ID (6-digit area, birth date, sequence, check character), optionally grouped 6-8-4.
    kind: 'national ID number',
    pattern:
      /(?<![\p{N}\p{L}])[1-9]\d{5}[\s-]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s-]?\d{3}[\dXx](?![\p{N}\p{L}])/gu,
    accept: isChineseResidentId,
  },
  {
    // US SSN AAA-GG-SSSS (or spaced); never issued: area 000, 666, 9xx; group 00; serial 0000.
    kind: 'national ID number',
    pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}([-\s])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g,
  },
  {
    // CN mobile: 1[3-9]x xxxx xxxx, optionally +86 / 0086, grouped by spaces or hyphens.
    kind: 'phone number',
    pattern: /(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  },
  {
    // CN landline with its area code: 010-12345678, 0755-1234567.
    kind: 'phone number',
    pattern: /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g,
  },
  {
    // US: (415) 555-2671, 415-555-2671, 415.555.2671, 415 555 2671, optionally +1 / 1-.
    kind: 'phone number',
    pattern:
      /(?<![\d+])(?:\+?1[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}(?!\d)/g,
  },
  {
    // International: +<country code> then groups, 8 to 15 digits in all (E.164).
    kind: 'phone number',
    pattern: /\+\d[\d\s().-]{6,22}\d(?!\d)/g,
    accept: (match) => {
      const n = digitsOf(match).length;
      return n >= 8 && n <= 15;
    },
  },
];

function mask(match: string): string {
  const text = match.trim();
  if (text.length <= 6) return `${text.slice(0, 1)}…`;
  return `${text.slice(0, 3)}…${text.slice(-2)}`;
}

/** Every phone number, e-mail address and national ID number found in the text. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const normalised = text.normalize('NFKC');
  const findings: PersonalDataFinding[] = [];
  for (const detector of DETECTORS) {
    for (const match of normalised.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(match[0])) continue;
      findings.push({ kind: detector.kind, hint: mask(match[0]) });
    }
  }
  return findings;
}

/**
 * Throws 400 DOXXING_GUARD when any of the fields carries personal data, naming the field, what
 * was found and why it is refused.
 */
export function refusePersonalData(fields: Record<string, string | undefined>): void {
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const findings = findPersonalData(text);
    if (findings.length === 0) continue;
    const kinds = [...new Set(findings.map((f) => f.kind))];
    const first = findings[0]!;
    throw badRequest(
      'DOXXING_GUARD',
      `The ${field} contains what looks like ${listOf(kinds)} ("${first.hint}"). Phone numbers, e-mail ` +
        'addresses and ID numbers are refused because they can identify a person, you or someone else, ' +
        'and anonymous posts stay readable for years. Remove it and send again.',
      { field, found: kinds },
    );
  }
}

function listOf(kinds: readonly PersonalDataKind[]): string {
  const withArticle = kinds.map((k) => (k === 'e-mail address' ? `an ${k}` : `a ${k}`));
  if (withArticle.length === 1) return withArticle[0]!;
  return `${withArticle.slice(0, -1).join(', ')} and ${withArticle.at(-1)}`;
}
