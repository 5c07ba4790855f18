/**
 * The filter globs of grep and archive: what they match, and that no glob can make a match run
 * long (each is checked in a worker that is stopped after a deadline, so a matcher that
 * backtracks fails this test instead of freezing the suite).
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { globTest, MAX_GLOB_LENGTH } from '../../src/local-server/glob.js';
import { HttpError } from '../../src/local-server/http-error.js';

describe('globTest', () => {
  it.each([
    ['*.ts', 'src/a.ts', true],
    ['*.ts', 'src/a.tsx', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/x/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['**/a.ts', 'a.ts', true],
    ['**/a.ts', 'x/y/a.ts', true],
    ['docs/**/x', 'docs/x', true],
    ['docs/**/x', 'docs/a/b/x', true],
    ['docs/**/x', 'docs/ax', false],
    ['src/**', 'src/x/y', true],
    ['?.md', 'a.md', true],
    ['?.md', 'ab.md', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['a.[ch]', 'a.[ch]', true],
    ['a.[ch]', 'a.c', false],
    ['(x)+', '(x)+', true],
  ])('%s on %s → %s', (glob, path, expected) => {
    expect(globTest(glob)(path)).toBe(expected);
  });

  it('refuses a glob longer than the bound with a 400', () => {
    expect(() => globTest('a'.repeat(MAX_GLOB_LENGTH + 1))).toThrow(HttpError);
  });

  it('matches pathological globs on long paths in bounded time (linear, no backtracking)', async () => {
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api')
        .then(({ register }) => {
          register();
          return import(workerData.module);
        })
        .then(({ globTest }) => {
        const path = 'a'.repeat(4000);
        const results = workerData.globs.map((g) => globTest(g)(path));
        parentPort.postMessage(results);
      });
    `;
    const globs = [`${'*'.repeat(1000)}Z`, `${'**/'.repeat(300)}Z`, `${'*a'.repeat(500)}Z`];
    const worker = new Worker(source, {
      eval: true,
      workerData: {
        module: new URL('../../src/local-server/glob.ts', import.meta.url).href,
        globs,
      },
    });
    const answer = await new Promise<unknown>((resolve, reject) => {
      // Far above what the linear matcher needs (milliseconds); a backtracking one never ends.
      const deadline = setTimeout(() => {
        void worker.terminate();
        reject(new Error('the glob matcher did not finish: it backtracks'));
      }, 20_000);
      worker.once('message', (m) => {
        clearTimeout(deadline);
        void worker.terminate();
        resolve(m);
      });
      worker.once('error', reject);
    });
    expect(answer).toEqual([false, false, false]);
  });
});
