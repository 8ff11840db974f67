// DELETE /v1/me: the account and its sessions go; its posts stay, authorless, and its live
// salary reports are withdrawn. One transaction: either all of it happens or none.
import type { Db } from '../db/index.ts';
import { liveAuthorTags, unlinkAccountPosts } from '../forum/author-links.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { deleteAccountSalaries } from '../salaries/reporter-links.ts';

export async function deleteAccount(db: Db, keys: KeyStore, accountId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Mark before unlinking: afterwards the tags that find this account's posts are gone.
    const tags = liveAuthorTags(keys, accountId);
    if (tags.length > 0)
      await tx.query('UPDATE posts SET author_gone = true WHERE author_tag = ANY($1::bytea[])', [tags]);
    await unlinkAccountPosts(tx, keys, accountId);
    await deleteAccountSalaries(tx, keys, accountId);
    await tx.query('DELETE FROM accounts WHERE id = $1', [accountId]);
  });
}
