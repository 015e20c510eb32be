import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { manualDocuments, manuals, manualSteps, organisations } from '../../db/schema.js';
import { manualRows, readCatalogue } from './catalogue.js';

/** Inserts the catalogue; manuals owned by local organisations are templates kept by the DLA. */
export async function insertCatalogue(db: Db): Promise<void> {
  const owners = new Map((await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((o) => [o.code, o.id]));
  for (const record of readCatalogue()) {
    const { manual, steps, documents } = manualRows(record, owners.get(record.owner_agency === 'lao' ? 'dla' : record.owner_agency) ?? null);
    const [inserted] = await db.insert(manuals).values(manual).onConflictDoNothing().returning({ id: manuals.id });
    if (!inserted) continue;
    await db.insert(manualSteps).values(steps.map((s) => ({ ...s, manualId: inserted.id })));
    if (documents.length) await db.insert(manualDocuments).values(documents.map((d) => ({ ...d, manualId: inserted.id })));
  }
}

/** Links each manual to the points of the kinds that give it; like real offices, a few links are still missing. */
export async function linkDemoManuals(db: Db): Promise<void> {
  await db.execute(sql`
    insert into point_manuals (point_id, manual_id, linked_at)
    select p.id, m.id, now() - (abs(hashtext(p.code)) % 400) * interval '1 day'
    from service_points p
    join organisations o on o.id = p.organisation_id
    join manuals m on o.kind = any(m.offered_at)
    where abs(hashtext(p.code || m.slug)) % 100 < 94
    on conflict do nothing`);
}
