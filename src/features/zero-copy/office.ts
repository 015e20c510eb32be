import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { officeZeroCopyRoutes } from './office-zero-copy.js';

/** The Zero Copy feature's back-office routes (mounted in the office scope). */
export const zeroCopyOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(officeZeroCopyRoutes);
};
