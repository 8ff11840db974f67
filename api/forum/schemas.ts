// Request and response schemas of the forum routes (TypeBox → JSON Schema → /docs). Response
// schemas double as an allow-list: the serializer drops any field not named here.
import { Type } from 'typebox';
import { ID_PATTERN } from '../ids.ts';
import { SLUG_PATTERN } from './boards.ts';
import { CURSOR_MAX_LENGTH } from './cursors.ts';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from './paging.ts';
import { RECEIPT_PATTERN } from './receipts.ts';
import { REPORT_REASONS } from './reports.ts';
import { BODY_RULE, TITLE_RULE } from './text-rules.ts';

export const PublicTime = Type.String({
  description: 'UTC, truncated to PUBLIC_TIME_GRANULARITY (an hour by default) so it cannot pair posts.',
});

export const IdParams = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN, description: 'A 22-character random id.' }) },
  { additionalProperties: false },
);

const limit = Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT });
const cursor = Type.String({
  minLength: 1,
  maxLength: CURSOR_MAX_LENGTH,
  description: 'nextCursor of the previous page. Cursors expire after an hour and stop at page 10.',
});

/** Routes without query parameters refuse any, so nobody mistakes an ignored filter for a working one. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const PageQuery = Type.Object(
  { limit: Type.Optional(limit), cursor: Type.Optional(cursor) },
  { additionalProperties: false },
);

export const ThreadListQuery = Type.Object(
  {
    company: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 60, description: 'A company slug.' }),
    ),
    board: Type.Optional(Type.Enum(['general'], { description: '"general" for the general board.' })),
    limit: Type.Optional(limit),
    cursor: Type.Optional(cursor),
  },
  { additionalProperties: false },
);

const hideEmployer = Type.Boolean({
  description:
    'Show "Verified employee" instead of "Employee of <Company>" on this post. Your alias words in a ' +
    'thread stay the same across your posts, so hide it from your first post there.',
});
const body = Type.String({ minLength: 1, maxLength: BODY_RULE.max, description: '1–10,000 characters.' });

export const NewThreadBody = Type.Object(
  {
    title: Type.String({
      minLength: 1,
      maxLength: TITLE_RULE.max,
      description: '5–200 characters, one line.',
    }),
    body,
    company: Type.Optional(
      Type.String({
        pattern: SLUG_PATTERN,
        maxLength: 60,
        description: "Your own employer's slug; leave out for the general board.",
      }),
    ),
    hideEmployer: Type.Optional(hideEmployer),
  },
  { additionalProperties: false },
);

export const NewPostBody = Type.Object(
  { body, hideEmployer: Type.Optional(hideEmployer) },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  {
    reason: Type.Enum([...REPORT_REASONS]),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const DeletionHeaders = Type.Object({
  'x-deletion-receipt': Type.Optional(
    Type.String({
      pattern: RECEIPT_PATTERN,
      description: 'The deletionReceipt returned when the post was made.',
    }),
  ),
});

export const CreatedPostSchema = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  position: Type.Integer(),
  alias: Type.String(),
  createdAt: PublicTime,
  deletionReceipt: Type.String({
    description:
      'Keep it: it deletes this post at any time, even after your session no longer can. Shown once.',
  }),
});

export const CreatedThreadSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  board: Type.String(),
  createdAt: PublicTime,
  post: CreatedPostSchema,
});

const nextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as ?cursor= for the next page; null at the end or at the depth limit.',
});

export const ThreadListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Enum(['thread', 'placeholder'], {
        description: 'Clients must not open "placeholder" items: they are not for people.',
      }),
      title: Type.String(),
      board: Type.String({ description: 'A company slug, or "general".' }),
      postCount: Type.Integer(),
      lastActivity: PublicTime,
    }),
  ),
  nextCursor,
});

export const ThreadPageSchema = Type.Object({
  thread: Type.Object({
    id: Type.String(),
    title: Type.String(),
    board: Type.String(),
    postCount: Type.Integer(),
    createdAt: PublicTime,
    lastActivity: PublicTime,
  }),
  posts: Type.Array(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      alias: Type.String(),
      body: Type.String(),
      createdAt: PublicTime,
      deleted: Type.Boolean(),
    }),
  ),
  nextCursor,
});

export const MyPostsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      threadId: Type.String(),
      threadTitle: Type.String(),
      alias: Type.String(),
      position: Type.Integer(),
      createdAt: PublicTime,
    }),
  ),
  nextCursor,
});

export const AcceptedSchema = Type.Object({ status: Type.Enum(['received']) });
