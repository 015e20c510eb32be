import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { officeEditorRoutes } from './office-editor.js';
import { officeImportRoutes } from './office-import.js';
import { officeLinkRoutes } from './office-links.js';

/** The manuals feature's back-office routes (mounted in the office scope). */
export const manualsOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(officeLinkRoutes);
  await app.register(officeEditorRoutes);
  await app.register(officeImportRoutes);
};
