/**
 * The bundles the browser suites load — the static Storybook and the e2e pages — built once per
 * run by the browser project's globalSetup (`test/helpers/build-once.ts`) and handed to the tests
 * with `inject('testBuilds')`. A test file run alone, outside that project, builds what it needs
 * itself with the same function, so `npx vitest run FILE` keeps working.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const cacheDir = join(root, 'node_modules', '.cache', 'gsk-test-builds');

export const TEST_BUILDS = ['storybook', 'page', 'composer-page', 'csp-page'] as const;
export type TestBuild = (typeof TEST_BUILDS)[number];
export type TestBuildDirs = Partial<Record<TestBuild, string>>;

declare module 'vitest' {
  export interface ProvidedContext {
    testBuilds: TestBuildDirs;
  }
}

/** Builds one bundle into its folder of the cache (replacing what was there); returns the folder. */
export async function buildForTests(name: TestBuild): Promise<string> {
  const outDir = join(cacheDir, name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  if (name === 'storybook') {
    await promisify(execFile)('npx', ['storybook', 'build', '-o', outDir, '--quiet'], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
  } else {
    await build({
      configFile: false,
      logLevel: 'silent',
      root: join(root, 'test', 'e2e', name),
      build: { outDir, emptyOutDir: true, target: 'es2022', minify: false },
    });
  }
  return outDir;
}

/** The folder of a bundle: built by this run's globalSetup, or built now. */
export async function testBuild(
  name: TestBuild,
  provided: TestBuildDirs | undefined,
): Promise<string> {
  return provided?.[name] ?? buildForTests(name);
}
