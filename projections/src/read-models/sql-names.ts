/** A double-quoted SQL identifier; DDL is raw text, so a schema name must never be spliced in bare. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `"schema"."table"` for DDL strings. */
export const qualifiedTable = (schema: string, table: string): string => `${quoteIdent(schema)}.${quoteIdent(table)}`;

/** The schema read models live in unless the operator picks another; keeps them apart from the event store's tables. */
export const DEFAULT_READ_MODEL_SCHEMA = 'read_model';
