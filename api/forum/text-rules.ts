// What a title, body or other free text must look like before it is stored: trimmed, within its
// length (counted in characters as people see them, not UTF-16 units), and free of control
// characters other than newline and tab, which hide text or break clients that display it.
import { badRequest } from '../errors.ts';

export interface TextRule {
  /** The field's name as the client sent it, for the message. */
  field: string;
  min: number;
  max: number;
  /** Newlines and tabs allowed (bodies); titles and single-line fields refuse them. */
  multiline: boolean;
}

export const TITLE_RULE: TextRule = { field: 'title', min: 5, max: 200, multiline: false };
export const BODY_RULE: TextRule = { field: 'body', min: 1, max: 10_000, multiline: true };

// Control characters (C0, DEL, C1) other than tab and newline.
const CONTROL = /(?![\n\t])\p{Cc}/u;
const LINE_BREAK_OR_TAB = /[\n\t]/;

/** The cleaned text (CRLF → LF, trimmed), or a 400 that says what to fix. */
export function cleanText(raw: string, rule: TextRule): string {
  const text = raw.replace(/\r\n/g, '\n').trim();
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw badRequest(
      'CONTROL_CHARACTER',
      `The ${rule.field} contains an invisible control character (U+${code}). Only newlines and tabs are allowed` +
        `${rule.multiline ? '' : ' in bodies, and not in a ' + rule.field}. Remove it and send again.`,
    );
  }
  if (!rule.multiline && LINE_BREAK_OR_TAB.test(text))
    throw badRequest('INVALID_TEXT', `The ${rule.field} must be a single line: remove newlines and tabs.`);
  const length = [...text].length;
  if (length < rule.min || length > rule.max) {
    throw badRequest(
      'TEXT_LENGTH',
      `The ${rule.field} must be ${rule.min}–${rule.max.toLocaleString('en')} characters after trimming spaces; it has ${length}.`,
    );
  }
  return text;
}
