import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type { SqlConnection, SqlDriver } from "./sql.js";

/**
 * Both sides of the "migrations match schema.prisma" check, written as sorted lines such as
 * `column bindings.flow_id uuid NOT NULL default=-` so a mismatch reads as a plain diff naming table and column.
 */
export interface SchemaDescription {
  tables: string[];
  enums: string[];
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
}

export const SCHEMA_PATH = fileURLToPath(new URL("../schema.prisma", import.meta.url));

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

/** What `schema.prisma` says the PostgreSQL database must look like, following Prisma's naming conventions. */
export async function describeSchemaFile(schemaPath: string = SCHEMA_PATH): Promise<SchemaDescription> {
  const text = await readFile(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: text }))) as Dmmf;
  const { models, enums, indexes } = dmmf.datamodel;
  const modelByName = new Map(models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`schema.prisma: model ${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };
  const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const partialPredicates = readPartialIndexPredicates(text);

  const description: SchemaDescription = { tables: [], enums: [], columns: [], indexes: [], foreignKeys: [] };
  for (const e of enums) description.enums.push(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(", ")})`);
  for (const model of models) {
    const table = tableOf(model);
    description.tables.push(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const column = field.dbName ?? field.name;
      const type = columnType(field, enumDbName);
      const nullability = field.isRequired ? "NOT NULL" : "NULL";
      description.columns.push(`column ${table}.${column} ${type} ${nullability} default=${columnDefault(field, table, column, enumDbName)}`);
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelByName.get(field.type)!;
      const from = field.relationFromFields.map((name) => columnOf(model, name));
      const to = (field.relationToFields ?? []).map((name) => columnOf(target, name));
      const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
      const onUpdate = field.relationOnUpdate ?? "Cascade";
      description.foreignKeys.push(
        `fk ${table}_${from.join("_")}_fkey ${table}(${from.join(", ")}) -> ${tableOf(target)}(${to.join(", ")}) ` +
          `on delete ${onDelete} on update ${onUpdate}`,
      );
    }
  }
  for (const index of indexes) {
    if (index.type === "fulltext") throw new Error(`schema.prisma: fulltext index on ${index.model} is not supported on PostgreSQL`);
    const model = modelByName.get(index.model)!;
    const table = tableOf(model);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
    const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
    const predicate = partialPredicates.get(name);
    description.indexes.push(`${kind} ${name} on ${table}(${columns.join(", ")})${predicate ? ` where <${predicate}>` : ""}`);
  }
  return sortAll(description);
}

/**
 * The partial-index `where: raw("…")` clauses, keyed by the index's `map:` name. The DMMF does not carry them,
 * so they are read from the schema text; a partial index must therefore be given an explicit `map:` name.
 */
export function readPartialIndexPredicates(schemaText: string): Map<string, string> {
  const predicates = new Map<string, string>();
  const pattern = /@@(?:unique|index)\(\[[^\]]*\]([^)]*?)where:\s*raw\("((?:[^"\\]|\\.)*)"\)/g;
  for (const match of schemaText.matchAll(pattern)) {
    const name = /map:\s*"([^"]+)"/.exec(match[1] ?? "")?.[1];
    if (!name) throw new Error(`schema.prisma: partial index "${match[0]}" needs an explicit map: name`);
    predicates.set(name, (match[2] ?? "").replace(/\\"/g, '"'));
  }
  return predicates;
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function columnType(field: DmmfField, enumDbName: Map<string, string>): string {
  if (field.isList) {
    if (field.kind !== "scalar" || field.default !== undefined) throw new Error(`schema.prisma: list field ${field.name}: only scalar lists without a default are supported by this check`);
    return `${columnType({ ...field, isList: false }, enumDbName)}[]`;
  }
  if (field.kind === "enum") return quoteIdent(enumDbName.get(field.type) ?? field.type);
  const [native, args = []] = field.nativeType ?? [];
  switch (native) {
    case undefined:
      return SCALAR_TYPES[field.type] ?? `unknown scalar ${field.type}`;
    case "Uuid":
      return "uuid";
    case "Text":
      return "text";
    case "Timestamptz":
      return `timestamp(${args[0] ?? 6}) with time zone`;
    case "Timestamp":
      return `timestamp(${args[0] ?? 6}) without time zone`;
    case "VarChar":
      return args[0] ? `character varying(${args[0]})` : "character varying";
    default:
      return `unsupported native type ${native}`;
  }
}

function columnDefault(field: DmmfField, table: string, column: string, enumDbName: Map<string, string>): string {
  const value = field.default;
  if (value === undefined) return "-";
  if (typeof value === "object" && value !== null && "name" in value) {
    const fn = (value as { name: string }).name;
    if (fn === "now") return "CURRENT_TIMESTAMP";
    if (fn === "autoincrement") return `nextval('${table}_${column}_seq'::regclass)`;
    if (fn === "uuid" || fn === "cuid" || fn === "nanoid" || fn === "ulid") return "-"; // generated by the client
    if (fn === "dbgenerated") return String((value as unknown as { args: unknown[] }).args[0]);
    return `unsupported default ${fn}()`;
  }
  const literal = (text: string, type: string) => `'${text.replace(/'/g, "''")}'::${type}`;
  if (field.kind === "enum") return literal(String(value), quoteIdent(enumDbName.get(field.type) ?? field.type));
  switch (field.type) {
    case "String":
      return literal(String(value), "text");
    case "Json":
      return literal(String(value), "jsonb");
    default:
      return String(value);
  }
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

const DELETE_RULES: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** What the connected database's current schema actually contains, in the same line format. */
export async function describeDatabase(sql: SqlConnection): Promise<SchemaDescription> {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
  );
  const enums = await sql.query<{ name: string; labels: string }>(
    `SELECT t.typname AS name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  const columns = await sql.query<{ tbl: string; col: string; type: string; notnull: boolean; def: string | null }>(
    `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
        AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const indexes = await sql.query<{ tbl: string; name: string; primary: boolean; unique: boolean; cols: string; predicate: string | null }>(
    `SELECT t.relname AS tbl, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols,
            pg_get_expr(x.indpred, x.indrelid) AS predicate
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`,
  );
  const foreignKeys = await sql.query<{ name: string; tbl: string; cols: string; ref: string; refcols: string; del: string; upd: string }>(
    `SELECT con.conname AS name, t.relname AS tbl, r.relname AS ref, con.confdeltype AS del, con.confupdtype AS upd,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS refcols
       FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND con.contype = 'f'`,
  );
  return sortAll({
    tables: tables.map((t) => `table ${t.name}`),
    enums: enums.map((e) => `enum ${e.name} (${e.labels})`),
    columns: columns.map((c) => `column ${c.tbl}.${c.col} ${c.type} ${c.notnull ? "NOT NULL" : "NULL"} default=${c.def ?? "-"}`),
    indexes: indexes.map((i) => {
      const kind = i.primary ? "primary" : i.unique ? "unique" : "index";
      return `${kind} ${i.name} on ${i.tbl}(${i.cols})${i.predicate ? ` where <${i.predicate}>` : ""}`;
    }),
    foreignKeys: foreignKeys.map(
      (f) => `fk ${f.name} ${f.tbl}(${f.cols}) -> ${f.ref}(${f.refcols}) on delete ${DELETE_RULES[f.del]} on update ${DELETE_RULES[f.upd]}`,
    ),
  });
}

/**
 * PostgreSQL prints a predicate its own way (`status IN ('a')` comes back as `status = ANY (ARRAY[…])`), so the
 * schema's raw predicates are put through PostgreSQL's own deparser on a throw-away copy of the table.
 */
export async function normalisePartialPredicates(sql: SqlDriver, expected: SchemaDescription): Promise<SchemaDescription> {
  const indexes: string[] = [];
  for (const line of expected.indexes) {
    const match = /^(\w+) (\S+) on (\w+)\(([^)]*)\) where <(.*)>$/.exec(line);
    if (!match) {
      indexes.push(line);
      continue;
    }
    const [, kind, name, table, cols, predicate] = match;
    const deparsed = await sql.transaction(async (tx) => {
      await tx.exec(
        `CREATE TEMP TABLE sb_predicate_probe (LIKE "${table}") ON COMMIT DROP;
         CREATE INDEX sb_predicate_probe_idx ON sb_predicate_probe (${cols}) WHERE ${predicate};`,
      );
      const [row] = await tx.query<{ predicate: string }>(
        `SELECT pg_get_expr(x.indpred, x.indrelid) AS predicate FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
          WHERE i.relname = 'sb_predicate_probe_idx' AND i.relnamespace = pg_my_temp_schema()`,
      );
      return row?.predicate ?? predicate;
    });
    indexes.push(`${kind} ${name} on ${table}(${cols}) where <${deparsed}>`);
  }
  return sortAll({ ...expected, indexes });
}

function sortAll(description: SchemaDescription): SchemaDescription {
  return {
    tables: [...description.tables].sort(),
    enums: [...description.enums].sort(),
    columns: [...description.columns].sort(),
    indexes: [...description.indexes].sort(),
    foreignKeys: [...description.foreignKeys].sort(),
  };
}
