// Deleting a post: by its author's session while the author link lives (P3), or by its deletion
// receipt at any time. A deleted post becomes a tombstone: no body, no alias, no author tag. Its
// author_box stays until its key dies because the ETL needs it to remove the post's contribution.
// Deleting the opening post retitles the thread "[deleted]".
import { AppError, forbidden, notFound, unauthorized } from '../errors.ts';
import type { SessionAccount } from '../identity/sessions.ts';
import type { Services } from '../services.ts';
import { liveAuthorTags } from './author-links.ts';
import { receiptMatches } from './receipts.ts';

export const DELETED_TITLE = '[deleted]';

export interface DeleteCredentials {
  account: SessionAccount | null;
  receipt: string | undefined;
}

export async function deletePost(
  services: Services,
  postId: string,
  credentials: DeleteCredentials,
): Promise<void> {
  if (!credentials.account && credentials.receipt === undefined)
    throw unauthorized(
      'Send the deletion receipt you got when posting as "X-Deletion-Receipt", or sign in as the author.',
    );
  await services.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      thread_id: string;
      position: number;
      author_tag: Buffer | null;
      receipt_hash: Buffer;
      deleted: boolean;
    }>('SELECT thread_id, position, author_tag, receipt_hash, deleted FROM posts WHERE id = $1 FOR UPDATE', [
      postId,
    ]);
    const post = rows[0];
    if (!post) throw notFound('This post');
    if (credentials.receipt !== undefined) {
      if (!receiptMatches(credentials.receipt, post.receipt_hash))
        throw forbidden(
          'RECEIPT_MISMATCH',
          'This deletion receipt does not belong to this post. Check both and try again.',
        );
    } else if (!isAuthor(services, credentials.account!, post.author_tag)) {
      throw forbidden(
        'NOT_YOUR_POST',
        `Only the author can delete this post, and a session stops proving authorship ${services.config.authorLinkDays} ` +
          'days after posting. Use the deletion receipt you got when posting ("X-Deletion-Receipt").',
      );
    }
    if (post.deleted) throw new AppError(410, 'ALREADY_DELETED', 'This post has already been deleted.');
    await tx.query(
      "UPDATE posts SET body = '', alias = '', author_tag = NULL, deleted = true WHERE id = $1",
      [postId],
    );
    if (post.position === 1)
      await tx.query('UPDATE threads SET title = $2 WHERE id = $1', [post.thread_id, DELETED_TITLE]);
  });
}

function isAuthor(services: Services, account: SessionAccount, authorTag: Buffer | null): boolean {
  if (!authorTag) return false;
  return liveAuthorTags(services.keys, account.id).some((tag) => tag.equals(authorTag));
}
