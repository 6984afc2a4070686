import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from './index.ts';

const root = resolve(import.meta.dirname, '../../..');
const tableRow = (text: string, name: string) => text.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

describe('configuration documentation', () => {
  // One table, in one place: the README links to it.
  for (const file of ['docs/configuration.md']) {
    it(`${file} has a row for every variable, with its default and secrecy`, () => {
      const text = readFileSync(resolve(root, file), 'utf8');
      for (const variable of CONFIG_VARIABLES) {
        const row = tableRow(text, variable.name);
        expect(row, `${file} lacks ${variable.name}`).toBeDefined();
        const cells = row!.split('|').map((cell) => cell.trim());
        if ('default' in variable) expect(cells[2], `${file}: default of ${variable.name}`).toContain(`\`${variable.default}\``);
        expect(cells[3]?.startsWith(variable.secret ? 'yes' : 'no'), `${file}: secrecy of ${variable.name}`).toBe(true);
      }
    });
  }
});
