// Reporting a post to the moderators. Who reported is not stored: a report row holds the post, the
// reason and the time, nothing that points back at the reporter.
import type { Services } from '../services.ts';
import { newId } from '../ids.ts';
import { notFound } from '../errors.ts';
import { refusePersonalData } from './doxxing-guard.ts';
import { cleanText, type TextRule } from './text-rules.ts';

export const REPORT_REASONS = [
  'doxxing',
  'harassment',
  'hate_speech',
  'threat',
  'spam',
  'off_topic',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_NOTE_RULE: TextRule = { field: 'note', min: 1, max: 500, multiline: true };

export async function reportPost(
  services: Services,
  postId: string,
  input: { reason: ReportReason; note?: string },
): Promise<void> {
  // The note is checked like any stored text: no personal data may reach the database.
  const note = input.note === undefined ? '' : cleanText(input.note, REPORT_NOTE_RULE);
  if (note) refusePersonalData({ note });
  const { rowCount } = await services.db.query(
    `INSERT INTO post_reports (id, post_id, reason, note, created_at)
     SELECT $1, id, $3, $5, $4 FROM posts WHERE id = $2`,
    [newId(services.random), postId, input.reason, services.clock.now(), note],
  );
  if (rowCount === 0) throw notFound('This post');
}
