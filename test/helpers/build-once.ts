/**
 * globalSetup of the browser project: builds the Storybook and the e2e pages once, one after the
 * other, before the browser suites start (they used to build them inside their own beforeAll, two
 * at a time beside the other suites), and hands the folders over with `provide`.
 */
import type { TestProject } from 'vitest/node';
import { buildForTests, TEST_BUILDS, type TestBuildDirs } from './test-builds.js';

export async function setup(project: TestProject): Promise<void> {
  const dirs: TestBuildDirs = {};
  for (const name of TEST_BUILDS) dirs[name] = await buildForTests(name);
  project.provide('testBuilds', dirs);
}
