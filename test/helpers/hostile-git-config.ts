/**
 * Every suite runs under a hostile git set-up, as a developer's machine may have one: a global
 * config that changes git's output (`diff.noprefix`, `color.ui=always`, `log.showSignature`,
 * `diff.external`), signs commits, and runs hooks from `core.hooksPath` that leave a marker file
 * and fail; plus stray `GIT_*` variables. The local server must ignore all of it (it runs git
 * with no global config and none of the host's `GIT_*`); `HOSTILE_HOOK_MARKER` is where a hook
 * would leave its trace.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'gsk-hostile-home-'));
const hooks = join(home, 'hooks');
export const HOSTILE_HOOK_MARKER = join(home, 'a-user-hook-ran');
mkdirSync(hooks);
for (const name of [
  'pre-receive',
  'update',
  'post-receive',
  'reference-transaction',
  'post-update',
]) {
  const hook = join(hooks, name);
  writeFileSync(hook, `#!/bin/sh\necho "$0" >> '${HOSTILE_HOOK_MARKER}'\nexit 1\n`);
  chmodSync(hook, 0o755);
}
const config = join(home, '.gitconfig');
writeFileSync(
  config,
  `[core]
	hooksPath = ${hooks}
	quotePath = true
[color]
	ui = always
[diff]
	noprefix = true
	mnemonicPrefix = true
	external = /bin/false
	renames = false
[log]
	showSignature = true
	decorate = full
[commit]
	gpgSign = true
[format]
	pretty = oneline
[init]
	defaultBranch = hostile
[receive]
	denyNonFastForwards = true
`,
);
process.env.HOME = home;
process.env.XDG_CONFIG_HOME = join(home, '.config');
process.env.GIT_CONFIG_GLOBAL = config;
process.env.HOSTILE_GIT_CONFIG = config;
process.env.HOSTILE_HOOK_MARKER = HOSTILE_HOOK_MARKER;
process.env.GIT_DIR = join(home, 'not-a-repository');
process.env.GIT_INDEX_FILE = join(home, 'not-an-index');
