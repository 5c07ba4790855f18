/**
 * Opens the built Storybook (npm run build-storybook) in headless Chromium, served by the story
 * backend from one origin, and visits stories. Shared by the screenshot script and the test.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StoryBackend, startStoryBackend } from '../stories/support/backend.js';

export interface StoryEntry {
  id: string;
  title: string;
  name: string;
}

export interface StorySite {
  backend: StoryBackend;
  stories: StoryEntry[];
  /** The iframe URL that renders one story alone. */
  storyUrl(id: string, theme?: 'light' | 'dark'): string;
  close(): Promise<void>;
}

export async function serveStorybook(staticDir: string): Promise<StorySite> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gsk-stories-'));
  const backend = await startStoryBackend({ dataDir, staticDir });
  const index = JSON.parse(await readFile(join(staticDir, 'index.json'), 'utf8')) as {
    entries: Record<string, StoryEntry & { type: string }>;
  };
  const stories = Object.values(index.entries)
    .filter((e) => e.type === 'story')
    .map(({ id, title, name }) => ({ id, title, name }));
  return {
    backend,
    stories,
    storyUrl: (id, theme = 'light') =>
      `${backend.url}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=theme:${theme}`,
    close: async () => {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
