import pg from 'pg';

/**
 * The role a connection string logs in as, resolved the way pg does: the URL's user, else PGUSER,
 * else pg's default (the OS user).
 */
export const roleOfUrl = (connectionString: string): string => {
  let user = '';
  try {
    user = decodeURIComponent(new URL(connectionString).username);
  } catch {
    // Not a URL (a libpq key=value string): fall through to the defaults.
  }
  return user || process.env.PGUSER || String(pg.defaults.user ?? '');
};
