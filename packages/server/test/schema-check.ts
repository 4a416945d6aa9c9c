import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import ts from 'typescript';
import { isPostgres } from '../src/platform/db/dialect';

// What platform/db/migrations.test.ts compares: the columns the migrations built, read from the database's
// own catalogue, and the columns schema.ts declares, read with the TypeScript checker. Both reduced to a type
// family (string, number, …) and nullability, the two facts a wrong declaration gets wrong.

export type Family = 'string' | 'number' | 'boolean' | 'bytes' | 'array' | `other:${string}`;
export interface ColumnShape {
  family: Family;
  nullable: boolean;
  /** schema.ts only: declared optional (`name?:`), a column one engine's migrations add and the other's do not. */
  optional?: boolean;
  /** The engine's own name for the type (databases only). */
  dbType?: string;
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const PG_FAMILY: Record<string, Family> = {
  text: 'string',
  'character varying': 'string',
  character: 'string',
  date: 'string',
  'timestamp with time zone': 'string',
  uuid: 'string',
  integer: 'number',
  smallint: 'number',
  bigint: 'number', // parsed to a number by platform/db/database.ts
  real: 'number',
  'double precision': 'number',
  boolean: 'boolean',
  bytea: 'bytes',
  ARRAY: 'array',
};

function sqliteFamily(type: string): Family {
  const t = type.toLowerCase();
  if (t.includes('int')) return 'number';
  if (t === 'text' || t.includes('char') || t.includes('clob')) return 'string';
  if (t.includes('real') || t.includes('floa') || t.includes('doub')) return 'number';
  if (t === 'blob') return 'bytes';
  return `other:${t}`;
}

/** Tables (camelCase, as the application names them) → columns → shape, from the database's catalogue. */
export async function columnsOf(db: Kysely<any>): Promise<Record<string, Record<string, ColumnShape>>> {
  const out: Record<string, Record<string, ColumnShape>> = {};
  if (isPostgres(db)) {
    const rows = await sql<{ tableName: string; columnName: string; dataType: string; isNullable: string }>`
      select table_name, column_name, data_type, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%' order by table_name, ordinal_position`.execute(db);
    for (const r of rows.rows) {
      (out[camel(r.tableName)] ??= {})[camel(r.columnName)] = {
        family: PG_FAMILY[r.dataType] ?? `other:${r.dataType}`,
        nullable: r.isNullable === 'YES',
        dbType: r.dataType,
      };
    }
    return out;
  }
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string; type: string; notnull: number; pk: number }>`select * from pragma_table_info(${name})`.execute(db);
    // SQLite lets a non-integer primary key hold NULL (a historical quirk); the application never writes one,
    // and PostgreSQL refuses it, so a key column counts as not null on both.
    for (const c of cols.rows)
      (out[camel(name)] ??= {})[camel(c.name)] = { family: sqliteFamily(c.type), nullable: c.notnull === 0 && c.pk === 0, dbType: c.type };
  }
  return out;
}

function familyOfPart(t: ts.Type): Family | 'null' | null {
  if (t.flags & ts.TypeFlags.Null) return 'null';
  if (t.flags & ts.TypeFlags.Undefined) return null;
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & ts.TypeFlags.NumberLike) return 'number';
  if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (t.isIntersection()) {
    // A branded primitive: `string & { __brand: 'LocalDate' }`.
    const prim = t.types.map(familyOfPart).find((f) => f === 'string' || f === 'number' || f === 'boolean');
    if (prim) return prim;
  }
  const symbol = t.getSymbol()?.getName();
  if (symbol === 'Buffer' || symbol === 'Uint8Array') return 'bytes';
  if (symbol === 'Array' || symbol === 'ReadonlyArray') return 'array';
  return `other:${symbol ?? 'type'}`;
}

let declared: Record<string, Record<string, ColumnShape>> | undefined;

/** Tables (as in `Database`) → columns → shape, from the types in platform/db/schema.ts (read once per file). */
export function schemaColumns(): Record<string, Record<string, ColumnShape>> {
  return (declared ??= readSchema());
}

function readSchema(): Record<string, Record<string, ColumnShape>> {
  const file = join(dirname(fileURLToPath(import.meta.url)), '../src/platform/db/schema.ts');
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const database = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!database) throw new Error('schema.ts has no `interface Database`');
  const out: Record<string, Record<string, ColumnShape>> = {};
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns: Record<string, ColumnShape> = {};
    for (const column of checker.getTypeOfSymbolAtLocation(table, database).getProperties()) {
      const optional = (column.flags & ts.SymbolFlags.Optional) !== 0;
      let type = checker.getTypeOfSymbolAtLocation(column, database);
      if (optional) type = checker.getNonNullableType(type);
      // Kysely's Generated<T> and ColumnType<S, I, U>: the select type is what the column holds.
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbolAtLocation(select, database);
      const parts = (type.isUnion() ? type.types : [type]).map(familyOfPart).filter((f) => f !== null);
      const families = [...new Set(parts.filter((f) => f !== 'null'))];
      columns[column.getName()] = {
        family: families.length === 1 ? families[0]! : `other:${checker.typeToString(type)}`,
        nullable: parts.includes('null'),
        ...(optional ? { optional } : {}),
      };
    }
    out[table.getName()] = columns;
  }
  return out;
}
