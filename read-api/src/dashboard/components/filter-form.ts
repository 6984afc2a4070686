import { html } from 'hono/html';
import type { Markup } from '../markup.ts';

export type FilterField =
  | { kind: 'text'; name: string; label: string; value: string | undefined; placeholder?: string }
  | { kind: 'select'; name: string; label: string; value: string | undefined; options: readonly string[]; anyLabel: string };

const field = (input: FilterField): Markup => {
  if (input.kind === 'text') {
    return html`<label>${input.label}<input type="text" name="${input.name}" value="${input.value ?? ''}" placeholder="${input.placeholder ?? ''}" autocomplete="off" spellcheck="false"></label>`;
  }
  return html`<label>${input.label}<select name="${input.name}">
    <option value=""${input.value ? '' : html` selected`}>${input.anyLabel}</option>
    ${input.options.map((option) => html`<option value="${option}"${option === input.value ? html` selected` : ''}>${option.replaceAll('_', ' ')}</option>`)}
  </select></label>`;
};

/** A GET form that narrows a list (a new filter starts again at the first page: no cursor field). */
export const filterForm = ({ action, label, fields }: { action: string; label: string; fields: readonly FilterField[] }): Markup =>
  html`<form class="filters" method="get" action="${action}" role="search" aria-label="${label}">
    ${fields.map(field)}
    <button type="submit">Apply</button>
    <a class="button" href="${action}">Clear</a>
  </form>`;
