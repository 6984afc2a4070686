// Test helper (not product code): the shell blocks of a README section, as a reader copies them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The ```sh blocks between the heading `## <section>` and the next `## ` heading, in order. */
export const shellBlocksOf = async (repoRoot: string, section: string): Promise<string[]> => {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${section}`);
  if (start < 0) throw new Error(`README.md has no "## ${section}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
};
