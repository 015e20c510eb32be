/**
 * Seeds reference data (geography, holidays, organisations, the manual catalogue) and the demo
 * (service points, manual links, Zero Copy states, ratings) in one transaction: an interrupted
 * seed leaves nothing behind, and a seeded database is left alone.
 */
import { eq, sql } from 'drizzle-orm';
import { skipForeignKeyChecks, withIndexesDeferred } from '../db/batch.js';
import type { Db } from '../db/client.js';
import { appMeta } from '../db/schema.js';
import { rebuildRollups } from '../features/feedback/rollups.js';
import { insertDemoRatings } from '../features/feedback/seed.js';
import { seedGeography } from '../features/geography/seed.js';
import { insertCatalogue, linkDemoManuals } from '../features/manuals/seed.js';
import { buildOrganisationTree, insertOrganisations } from '../features/organisations/seed.js';
import { insertDemoServicePoints } from '../features/service-points/seed.js';
import { insertDemoZeroCopy } from '../features/zero-copy/seed.js';

export const SEED_VERSION = '1';

/** The tables the demo fills with tens or hundreds of thousands of rows. */
const BULK_TABLES = ['service_points', 'point_manuals', 'zero_copy_statuses', 'ratings', 'organisations', 'subdistricts'];

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, 'seed_version'));
  return row !== undefined;
}

export async function seed(db: Db, log: (message: string) => void = () => undefined): Promise<boolean> {
  if (await isSeeded(db)) return false;
  const started = Date.now();
  const step = async (name: string, work: () => Promise<unknown>) => {
    const at = Date.now();
    await work();
    log(`seed: ${name} (${Date.now() - at} ms)`);
  };
  await db.transaction(async (tx) => {
    const tree = buildOrganisationTree();
    // Checking half a million foreign keys one row at a time tripled the first start on PGlite;
    // the rows come from consistent sources, and seed.test.ts asserts that there are no orphans.
    await skipForeignKeyChecks(tx);
    await withIndexesDeferred(tx, BULK_TABLES, async () => {
      await step('geography and holidays', () => seedGeography(tx));
      await step(`${tree.length} organisations`, () => insertOrganisations(tx, tree));
      await step('service points and photos', () => insertDemoServicePoints(tx, tree));
      await step('manual catalogue', () => insertCatalogue(tx));
      await step('manual links', () => linkDemoManuals(tx));
      await step('Zero Copy states', () => insertDemoZeroCopy(tx));
      await step('ratings', () => insertDemoRatings(tx));
    });
    await step('rollups', () => rebuildRollups(tx));
    await tx.insert(appMeta).values({ key: 'seed_version', value: SEED_VERSION });
  });
  // Embedded PGlite has no autovacuum: without statistics the planner scans whole tables.
  await step('statistics', () => db.execute(sql.raw(`analyze ${[...BULK_TABLES, 'rating_daily', 'rating_monthly', 'manuals', 'manual_documents'].join(', ')}`)));
  log(`seed: done in ${Date.now() - started} ms`);
  return true;
}
