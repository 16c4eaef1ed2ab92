import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every story file, so a new story is smoke-tested without touching the test. */
export const storyFiles = readdirSync(fileURLToPath(new URL('../src/stories', import.meta.url)))
  .filter((file) => file.endsWith('.stories.tsx'))
  .sort();

/** Storybook's `index.json`, reduced to what the test needs: story id by file. */
export interface StoryIndex {
  entries: Record<string, { id: string; type: string; importPath: string; title: string }>;
}

export function storyIdOf(index: StoryIndex, file: string): string {
  const entry = Object.values(index.entries).find(
    (candidate) => candidate.type === 'story' && candidate.importPath === `./src/stories/${file}`,
  );
  if (!entry) throw new Error(`${file} is not in the built Storybook's index`);
  return entry.id;
}
