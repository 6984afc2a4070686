/**
 * A page's query as its filter form sends it: a field left blank arrives as `channel=`, which
 * means "any", so blank values are dropped before the query is parsed by the API's strict schema.
 */
export const filledQuery = (queries: Record<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(queries)
      .map(([name, values]) => [name, values.filter((value) => value !== '')] as const)
      .filter(([, values]) => values.length > 0),
  );
