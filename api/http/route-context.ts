// What routes tell the protection layers about themselves, and what handlers report back.
// Every route sets `config: { routeClass }`; protection/ budgets and scores by it.

/**
 * auth: register / verify / login; read: one thread view (counts against the daily read quota);
 * list: thread listings and other pages of ids; write: posting, reporting, deleting, salaries;
 * account: the caller's own data (/me…); operator: behind OPERATOR_TOKEN; public: health, docs,
 * dashboards and aggregate data.
 */
export type RouteClass = 'auth' | 'read' | 'list' | 'write' | 'account' | 'operator' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    routeClass?: RouteClass;
  }
  interface FastifyRequest {
    /** Set by listing handlers after decoding a cursor: how many pages deep this request is (1 = first page). */
    pageDepth: number | null;
  }
}
