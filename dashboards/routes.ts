// Dashboards: the data API over published tables (/v1/data), the pages (/dashboards/...) and the
// chart libraries they load from this server. Reads only the published tables of the warehouse.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../api/services.ts';
import { PublishedData } from './data/published-data.ts';
import { registerDataRoutes } from './data/routes.ts';
import { registerPageRoutes } from './pages/routes.ts';
import { registerStaticRoutes } from './static-routes.ts';

export const dashboardRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const data = new PublishedData(services.config);
  app.addHook('onClose', async () => data.close());
  registerDataRoutes(app, { services, data });
  registerPageRoutes(app, { services, data });
  registerStaticRoutes(app);
};
