import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { officeHomeRoutes } from './office-home.js';
import { registrationRoutes } from './registration.js';
import { signInRoutes } from './sign-in.js';

/** The accounts feature's back-office routes (mounted in the office scope). */
export const accountsOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(signInRoutes);
  await app.register(registrationRoutes);
  await app.register(officeHomeRoutes);
};
