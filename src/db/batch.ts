import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * Inserts many rows quickly on both engines: each batch travels as one JSON parameter that the
 * database unpacks with jsonb_to_recordset, instead of thousands of bound parameters (which made
 * PGlite several times slower). Rows use the schema's property names; existing keys are skipped.
 * A column is sent when any row sets it; rows without it get NULL there.
 */
export async function insertInBatches<T extends PgTable>(db: Db, table: T, values: T['$inferInsert'][], size = 2000): Promise<void> {
  if (values.length === 0) return;
  const config = getTableConfig(table);
  const columns = Object.entries(table as unknown as Record<string, unknown>)
    .map(([property, column]) => ({ property, column: config.columns.find((c) => c === column) }))
    .filter((entry): entry is { property: string; column: (typeof config.columns)[number] } => entry.column !== undefined)
    .filter(({ property }) => values.some((row) => (row as Record<string, unknown>)[property] !== undefined));
  const names = sql.join(columns.map(({ column }) => sql.identifier(column.name)), sql`, `);
  const sqlType = (type: string) => ({ serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' })[type] ?? type;
  const types = sql.join(columns.map(({ column }) => sql`${sql.identifier(column.name)} ${sql.raw(sqlType(column.getSQLType()))}`), sql`, `);
  for (let i = 0; i < values.length; i += size) {
    const batch = values.slice(i, i + size).map((row) =>
      Object.fromEntries(
        columns.map(({ property, column }) => {
          const value = (row as Record<string, unknown>)[property];
          return [column.name, value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value instanceof Date ? value.toISOString() : value];
        }),
      ),
    );
    await db.execute(sql`
      insert into ${table} (${names})
      select ${names} from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as rows(${types})
      on conflict do nothing`);
  }
}

/**
 * Runs a bulk load with the tables' secondary indexes dropped and rebuilt afterwards from their own
 * definitions: building an index once is much faster than updating it row by row (GIN and GiST most
 * of all). Indexes that back constraints (primary keys, unique) stay. Run inside a transaction.
 */
export async function withIndexesDeferred<T>(db: Db, tables: string[], work: () => Promise<T>): Promise<T> {
  const indexes = (await db.execute(sql`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in ${sql.raw(`(${tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ')})`)}
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`)) as unknown as {
    rows: { name: string; definition: string }[];
  };
  for (const index of indexes.rows) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  const result = await work();
  for (const index of indexes.rows) await db.execute(sql.raw(index.definition));
  return result;
}

/**
 * For a bulk load of rows generated consistent by construction: turns off foreign-key triggers
 * for the rest of the transaction when the role may (PGlite, a superuser on PostgreSQL).
 * Returns false, changing nothing, when it may not. Callers test for orphans instead.
 */
export async function skipForeignKeyChecks(db: Db): Promise<boolean> {
  try {
    await db.transaction(async (savepoint) => {
      await savepoint.execute(sql`set local session_replication_role = replica`);
    });
    return true;
  } catch {
    return false;
  }
}
