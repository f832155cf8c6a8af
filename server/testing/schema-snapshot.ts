// A comparable description of a database schema, read from the PostgreSQL catalogs: tables and
// columns (type, nullability, default), constraints (their full definitions), indexes and enum
// types. Two databases with equal snapshots have the same schema.
export interface SqlQuery {
  query<Row>(sql: string): Promise<Row[]>;
}

export interface SchemaSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  enums: string[];
}

export async function schemaSnapshot(db: SqlQuery): Promise<SchemaSnapshot> {
  const lines = async (sql: string) => (await db.query<{ line: string }>(sql)).map((r) => r.line).sort();
  return {
    columns: await lines(`
      SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
             || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
             || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname <> '_prisma_migrations'`),
    constraints: await lines(`
      SELECT c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints; nullability is in the columns.
      WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations' AND con.contype <> 'n'`),
    indexes: await lines(`
      SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
    enums: await lines(`
      SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`),
  };
}
