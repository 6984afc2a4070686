/** A double-quoted SQL identifier, for names (roles, schemas, databases) that DDL cannot bind as parameters. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
