/**
 * The layer rules of shared/DESIGN.md are lint rules: a wrong import (at any folder depth) or a
 * component calling fetch fails `npm run lint`. Each case writes a probe file at its place in a
 * temporary copy of the layout (with the project's biome.json) and runs Biome there: nothing is
 * ever written into `src/`, so a type check or a lint of the real tree running meanwhile never
 * sees a probe. (Biome's stdin mode prints no diagnostics, so the probe has to be a file.)
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
let probeRoot: string;

beforeAll(async () => {
  probeRoot = await mkdtemp(join(tmpdir(), 'gsk-layer-rules-'));
  await copyFile(join(ROOT, 'biome.json'), join(probeRoot, 'biome.json'));
});
afterAll(() => rm(probeRoot, { recursive: true, force: true }));

async function lint(path: string, source: string): Promise<string> {
  const file = join(probeRoot, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, source);
  try {
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'lint', path],
      { cwd: probeRoot },
    );
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '') + String((error as Error).message);
  } finally {
    await rm(file, { force: true });
  }
}

describe('layer rules', () => {
  it.each([
    [
      'src/core/zz-probe/deep/a.ts',
      "import { useFiles } from '../../../react/index.js';\nexport const a = useFiles;\n",
      /core\/ runs in browsers/,
    ],
    [
      'src/core/zz-probe/deep/b.ts',
      "import { startLocalServer } from '../../../local-server/index.js';\nexport const b = startLocalServer;\n",
      /core\/ runs in browsers/,
    ],
    [
      'src/local-server/zz-probe/deep/c.ts',
      "import { useFiles } from '../../../react/index.js';\nexport const c = useFiles;\n",
      /local-server\/ may import only/,
    ],
    [
      'src/react/zz-probe/deep/d.ts',
      "import { mintToken } from '../../../server/index.js';\nexport const d = mintToken;\n",
      /react\/ builds on core only/,
    ],
    [
      'src/components/zz-probe/deep/e.ts',
      "import { startLocalServer } from '../../../local-server/index.js';\nexport const e = startLocalServer;\n",
      /components\/ build on react and core/,
    ],
    [
      'src/components/zz-probe/deep/f.ts',
      "export const f = () => fetch('/api');\n",
      /components never call fetch/,
    ],
  ])('refuses %s', async (path, source, message) => {
    expect(await lint(path, source)).toMatch(message);
  });

  it('allows what the design allows', async () => {
    expect(
      await lint(
        'src/local-server/zz-probe/deep/ok.ts',
        "import { pathProblem } from '../../../core/paths.js';\nexport const ok = pathProblem;\n",
      ),
    ).toBe('');
  });
});
