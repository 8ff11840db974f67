// Opening a thread: on the author's own employer's board or on the general board, with its first
// post written like any reply (alias, author link, receipt) in the same transaction.
import { forbidden } from '../errors.ts';
import type { SessionAccount } from '../identity/sessions.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { boardName, companyBySlug } from './boards.ts';
import { refusePersonalData } from './doxxing-guard.ts';
import { type CreatedPost, draftPost, insertPost, type PostInput } from './posts.ts';
import { publicTime } from './public-time.ts';
import { cleanText, TITLE_RULE } from './text-rules.ts';

export interface ThreadInput extends PostInput {
  title: string;
  /** Slug of the author's employer; absent → the general board. */
  company?: string;
}

export interface CreatedThread {
  id: string;
  title: string;
  board: string;
  createdAt: string;
  post: CreatedPost;
}

export async function createThread(
  services: Services,
  account: SessionAccount,
  input: ThreadInput,
): Promise<CreatedThread> {
  const title = cleanText(input.title, TITLE_RULE);
  refusePersonalData({ title });
  const draft = await draftPost(services, account, input);
  let companyId: string | null = null;
  if (input.company !== undefined) {
    const company = await companyBySlug(services.db, input.company);
    if (account.memberKind !== 'employee' || account.companyId !== company.id)
      throw forbidden(
        'NOT_YOUR_EMPLOYER',
        `Only verified employees of ${company.name} can open threads on its board. ` +
          'Leave out "company" to post on the general board.',
      );
    companyId = company.id;
  }
  const id = newId(services.random);
  return services.db.transaction(async (tx) => {
    const at = services.clock.now();
    await tx.query(
      `INSERT INTO threads (id, company_id, title, created_at, last_post_at, post_count)
       VALUES ($1, $2, $3, $4, $4, 1)`,
      [id, companyId, title, at],
    );
    const post = await insertPost(tx, services, { id, createdAt: at }, 1, account, draft, at);
    return {
      id,
      title,
      board: boardName(input.company ?? null),
      createdAt: publicTime(at, services.config.publicTimeGranularity),
      post,
    };
  });
}
