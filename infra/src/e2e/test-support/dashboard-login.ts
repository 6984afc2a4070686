/** The cookies a response set, as a `cookie` request header (name=value pairs only). */
const cookiesOf = (response: Response, jar: Map<string, string>): Map<string, string> => {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    const value = pair!.slice(at + 1);
    if (value === '') jar.delete(pair!.slice(0, at));
    else jar.set(pair!.slice(0, at), value);
  }
  return jar;
};
const header = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * What a browser does with a one-time login link, over plain HTTP: open it, read the confirm
 * form's CSRF token, post it back from the same origin. Resolves to the session's cookie header.
 */
export const loginWithLink = async (link: string): Promise<{ origin: string; cookie: string; status: number }> => {
  const url = new URL(link);
  const jar = new Map<string, string>();
  const page = await fetch(url, { redirect: 'manual' });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (csrf === undefined) throw new Error(`no CSRF field on ${url.pathname} (status ${page.status})`);
  cookiesOf(page, jar);
  const form = new URLSearchParams({ token: url.searchParams.get('token') ?? '', csrf });
  const posted = await fetch(new URL(url.pathname, url.origin), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url.origin, cookie: header(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  await posted.arrayBuffer();
  cookiesOf(posted, jar);
  return { origin: url.origin, cookie: header(jar), status: posted.status };
};
