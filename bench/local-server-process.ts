/**
 * Runs the local server CLI as a child process (so its memory can be measured apart from the
 * client's) and reads its peak RSS from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  storageHost: string;
  privateKeyPem: string;
  child: ChildProcess;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServerProcess(dataDir: string, org: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'dist/local-server/cli.js',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--org',
      org,
      '--dev-keys',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  child.stdout?.resume();
  const privateKeyPem = await readFile(join(dataDir, 'dev-keys', 'private.pem'), 'utf8');
  return {
    url,
    storageHost: new URL(url).host,
    privateKeyPem,
    child,
    async peakRss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
      return kib * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
