// The scraper defence: client identity, rate limits, fingerprint, behaviour, decision, challenge,
// traps. (Being built: see the scraper-defence issue.)
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Services } from '../services.ts';

const plugin: FastifyPluginAsync<{ services: Services }> = async () => {};

export const protection = fp(plugin, { name: 'protection' });
