import type { html } from 'hono/html';

/**
 * What hono's `html` tag returns. Interpolations are escaped; nested Markup is kept as is. Our pages
 * never interpolate promises, so in practice it is a plain HtmlEscapedString.
 */
export type Markup = ReturnType<typeof html>;
