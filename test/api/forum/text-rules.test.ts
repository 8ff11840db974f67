import { describe, expect, it } from 'vitest';
import { BODY_RULE, cleanText, TITLE_RULE } from '../../../api/forum/text-rules.ts';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('text rules', () => {
  it('trims and turns CRLF into LF', () => {
    expect(cleanText('  hello\r\nworld \t', BODY_RULE)).toBe('hello\nworld');
  });

  it('keeps newlines and tabs in bodies, refuses them in titles', () => {
    expect(cleanText('a\tb\nc', BODY_RULE)).toBe('a\tb\nc');
    expect(codeOf(() => cleanText('Title\twith tab', TITLE_RULE))).toBe('INVALID_TEXT');
    expect(codeOf(() => cleanText('Title\nline two', TITLE_RULE))).toBe('INVALID_TEXT');
  });

  it.each(['\u0000', '\u0007', '\u001b[31m', '\r', '\u007f', '\u0085', '\u009b'])(
    'refuses the control character %j',
    (control) => {
      expect(codeOf(() => cleanText(`before ${control} after`, BODY_RULE))).toBe('CONTROL_CHARACTER');
    },
  );

  it('counts code points, not UTF-16 units', () => {
    expect(cleanText('🙂'.repeat(5), TITLE_RULE)).toHaveLength(10);
    expect(codeOf(() => cleanText('🙂'.repeat(4), TITLE_RULE))).toBe('TEXT_LENGTH');
    expect(codeOf(() => cleanText('好'.repeat(201), TITLE_RULE))).toBe('TEXT_LENGTH');
    expect(cleanText('好'.repeat(200), TITLE_RULE)).toHaveLength(200);
  });

  it('says the bounds and the length it counted', () => {
    expect(() => cleanText('   ', BODY_RULE)).toThrow(
      'The body must be 1–10,000 characters after trimming spaces; it has 0.',
    );
  });
});
