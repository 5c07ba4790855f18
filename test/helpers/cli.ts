/** The local server's CLI as a real process, for tests that run it as a user does. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  /** The URL it printed after "listening on". */
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

/** Starts `git-storage-local --port 0 --data-dir DIR --org ORG --dev-keys …extra`; resolves once it listens. */
export async function startCli(
  dataDir: string,
  org: string,
  extra: string[] = [],
): Promise<CliProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/local-server/cli.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--org',
      org,
      '--dev-keys',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /^listening on (https?:\/\/\S+)$/m.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code}: ${out}`));
    });
  });
  return { child, url, output: () => out };
}

/** Sends `signal`; resolves with the exit code. */
export function stopCli(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
