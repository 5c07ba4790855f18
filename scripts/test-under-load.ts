/**
 * `npm run test:under-load`: runs `npm test` while two CPU-bound processes keep both cores of the
 * reference machine busy for its whole length, as a busy CI machine would; prints how long it
 * took and exits with the test run's status. The suite must pass like this: slow is not broken.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const BURNERS = Number(process.env.BURNERS ?? 2);
const burners: ChildProcess[] = Array.from({ length: BURNERS }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopBurners = () => {
  for (const burner of burners) burner.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

const started = performance.now();
const tests = spawn('npm', ['test'], { stdio: 'inherit' });
const code = await new Promise<number>((resolve) => tests.once('exit', (c) => resolve(c ?? 1)));
stopBurners();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\n${JSON.stringify({ bench: 'test-under-load', burners: BURNERS, seconds: Number(seconds), exitCode: code })}\n`,
);
process.exit(code);
