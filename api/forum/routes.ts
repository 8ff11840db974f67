// HTTP routes of the forum: thread listings, threads, posts, the author's own posts, deletion and
// reports. Every read needs a session; handlers stay thin and call the modules beside this file.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.ts';
import type { Services } from '../services.ts';
import { Cursors } from './cursors.ts';
import { MY_POSTS_SCOPE, listMyPosts } from './me-posts.ts';
import { PAGE_LIMIT_DEFAULT, type PageRequest, startPage } from './paging.ts';
import { deletePost } from './post-deletion.ts';
import { replyToThread } from './posts.ts';
import { reportPost } from './reports.ts';
import {
  AcceptedSchema,
  CreatedPostSchema,
  CreatedThreadSchema,
  DeletionHeaders,
  IdParams,
  MyPostsSchema,
  NewPostBody,
  NewThreadBody,
  NoQuery,
  PageQuery,
  ReportBody,
  ThreadListQuery,
  ThreadListSchema,
  ThreadPageSchema,
} from './schemas.ts';
import { type BoardFilter, listThreads, threadListScope } from './thread-listing.ts';
import { readThread, threadPostsScope } from './thread-view.ts';
import { createThread } from './threads.ts';

const tags = ['forum'];
const security = [{ bearer: [] }];

export const forumRoutes: FastifyPluginAsync<{ services: Services }> = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const cursors = new Cursors(services.secrets.CURSOR_SECRET, services.clock);
  const deps = { db: services.db, config: services.config, cursors, keys: services.keys };
  const signedIn = app.requireAccount;

  /** Opens the request's cursor for `scope` and tells the protection layers how deep it is. */
  function page(
    request: FastifyRequest,
    scope: string,
    query: { limit?: number; cursor?: string },
  ): PageRequest {
    const start = startPage(cursors, scope, query.cursor);
    request.pageDepth = start.depth;
    return { start, limit: query.limit ?? PAGE_LIMIT_DEFAULT };
  }

  app.get(
    '/threads',
    {
      config: { routeClass: 'list' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'List threads, newest activity first',
        description:
          'One company board (?company=<slug>), the general board (?board=general) or every board (neither). ' +
          'Items of kind "placeholder" are not for people: clients must not show or open them. ' +
          'Pages hold at most 50 items; cursors expire after an hour and stop after 10 pages.',
        querystring: ThreadListQuery,
        response: { 200: ThreadListSchema },
      },
    },
    async (request) => {
      const { company, board } = request.query;
      if (company !== undefined && board !== undefined)
        throw badRequest('INVALID_INPUT', 'Give either ?company=<slug> or ?board=general, not both.');
      const filter: BoardFilter =
        company !== undefined
          ? { board: 'company', slug: company }
          : board !== undefined
            ? { board: 'general' }
            : { board: 'all' };
      return listThreads(deps, filter, page(request, threadListScope(filter), request.query));
    },
  );

  app.post(
    '/threads',
    {
      config: { routeClass: 'write' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'Open a thread with its first post',
        description:
          'On your own employer\'s board ("company": its slug) or the general board (leave "company" out). ' +
          "The answer holds the first post's deletion receipt: keep it, it is shown once.",
        querystring: NoQuery,
        body: NewThreadBody,
        response: { 201: CreatedThreadSchema },
      },
    },
    async (request, reply) => {
      const thread = await createThread(services, request.account!, request.body);
      return reply.status(201).send(thread);
    },
  );

  app.get(
    '/threads/:id',
    {
      config: { routeClass: 'read' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'Read a thread and a page of its posts in order',
        description: 'Posts come by position; deleted posts stay in place with no body and no alias.',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ThreadPageSchema },
      },
    },
    async (request) =>
      readThread(deps, request.params.id, page(request, threadPostsScope(request.params.id), request.query)),
  );

  app.post(
    '/threads/:id/posts',
    {
      config: { routeClass: 'write' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'Reply in a thread',
        description:
          'You keep one alias inside a thread (a fresh one after AUTHOR_LINK_DAYS); other threads give you ' +
          'other aliases. The answer holds the deletion receipt: keep it, it is shown once.',
        params: IdParams,
        querystring: NoQuery,
        body: NewPostBody,
        response: { 201: CreatedPostSchema },
      },
    },
    async (request, reply) => {
      const post = await replyToThread(services, request.account!, request.params.id, request.body);
      return reply.status(201).send(post);
    },
  );

  app.delete(
    '/posts/:id',
    {
      config: { routeClass: 'write' },
      schema: {
        tags,
        security,
        summary: 'Delete a post (with its receipt, or as its author while linked)',
        description:
          'Send "X-Deletion-Receipt: <deletionReceipt>" (works at any time, no session needed), or the ' +
          `author's session within ${services.config.authorLinkDays} days of posting. The post stays as a tombstone.`,
        params: IdParams,
        querystring: NoQuery,
        headers: DeletionHeaders,
        response: { 204: { type: 'null', description: 'Deleted.' } },
      },
    },
    async (request, reply) => {
      await deletePost(services, request.params.id, {
        account: request.account,
        receipt: request.headers['x-deletion-receipt'],
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/posts',
    {
      config: { routeClass: 'account' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'Your own posts, while they are still linked to you',
        description:
          `Newest first. A post leaves this list ${services.config.authorLinkDays} days after it was made, ` +
          'when its link to you is destroyed; nobody can list it for you after that.',
        querystring: PageQuery,
        response: { 200: MyPostsSchema },
      },
    },
    async (request) => listMyPosts(deps, request.account!.id, page(request, MY_POSTS_SCOPE, request.query)),
  );

  app.post(
    '/posts/:id/report',
    {
      config: { routeClass: 'write' },
      preHandler: signedIn,
      schema: {
        tags,
        security,
        summary: 'Report a post to the moderators',
        description: 'Who reported is not stored.',
        params: IdParams,
        querystring: NoQuery,
        body: ReportBody,
        response: { 202: AcceptedSchema },
      },
    },
    async (request, reply) => {
      await reportPost(services, request.params.id, request.body);
      return reply.status(202).send({ status: 'received' as const });
    },
  );
};
