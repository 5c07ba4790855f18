/**
 * Webhooks (PROTOCOL.md §10): a signed `push` event for every ref change, by REST or by git push.
 *
 * A write only records its event (a small file under `<dataDir>/webhooks/pending/`) and returns:
 * delivery happens afterwards and never blocks or fails the write. A delivery that fails (no
 * answer, a non-2xx status, a timeout) is retried with exponential backoff; pending deliveries
 * survive a restart, and one that keeps failing ends in `webhooks/failed/`, logged. Each attempt
 * is signed afresh (`X-Pierre-Signature: t=<now>,sha256=<HMAC>`), so a receiver's replay window
 * never rejects a late retry.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookRetry {
  /** Wait before the first retry; doubled each time (default 2 s). */
  baseDelayMs?: number;
  /** Longest wait between attempts (default 10 min). */
  maxDelayMs?: number;
  /** Attempts before a delivery is given up and moved to `failed/` (default 12: ~1 h). */
  maxAttempts?: number;
  /** Time to wait for a receiver's answer (default 10 s). */
  timeoutMs?: number;
}

interface Delivery {
  id: string;
  url: string;
  event: 'push';
  body: string;
  attempts: number;
  nextAt: number;
  lastError?: string;
}

/** A ref moved: `before`/`after` are all zeros when it was created/deleted. */
export interface RefChange {
  repoId: string;
  ref: string;
  before: string;
  after: string;
}

/** Refs the server uses for its own bookkeeping, and ephemeral branches: never announced. */
const INTERNAL_REFS = /^refs\/(?:notes\/local-server-tmp|local-server-|namespaces\/)/;

function sign(body: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},sha256=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export class WebhookDispatcher {
  private readonly pendingDir: string;
  private readonly failedDir: string;
  private readonly retry: Required<WebhookRetry>;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private closed = false;

  constructor(
    dataDir: string,
    private readonly targets: readonly WebhookTarget[],
    private readonly org: string,
    private readonly repoUrl: (repoId: string) => string,
    private readonly log: (line: string) => void,
    retry: WebhookRetry = {},
  ) {
    this.pendingDir = join(dataDir, 'webhooks', 'pending');
    this.failedDir = join(dataDir, 'webhooks', 'failed');
    this.retry = {
      baseDelayMs: 2000,
      maxDelayMs: 10 * 60_000,
      maxAttempts: 12,
      timeoutMs: 10_000,
      ...retry,
    };
  }

  /** Picks up deliveries a previous run left pending, and tries each again at once. */
  async start(): Promise<void> {
    if (this.targets.length === 0) return;
    await mkdir(this.pendingDir, { recursive: true });
    await mkdir(this.failedDir, { recursive: true });
    for (const name of await readdir(this.pendingDir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const delivery = JSON.parse(
          await readFile(join(this.pendingDir, name), 'utf8'),
        ) as Delivery;
        this.schedule(delivery, 0);
      } catch (error) {
        this.log(`webhook: cannot read pending delivery ${name}: ${(error as Error).message}`);
      }
    }
  }

  /** Records a push event for each ref change and sends it soon; never throws. */
  announce(changes: readonly RefChange[]): void {
    if (this.targets.length === 0 || this.closed) return;
    const announced = changes.filter((c) => !INTERNAL_REFS.test(c.ref) && c.before !== c.after);
    for (const change of announced) {
      const body = JSON.stringify({
        repository: {
          id: change.repoId,
          url: this.repoUrl(change.repoId),
          repo_name: change.repoId,
        },
        org: this.org,
        // Branches by their name (as Code Storage's events show them), other refs in full.
        ref: change.ref.startsWith('refs/heads/') ? change.ref.slice(11) : change.ref,
        before: change.before,
        after: change.after,
        customer_id: this.org,
        pushed_at: new Date().toISOString(),
      });
      for (const target of this.targets) {
        const delivery: Delivery = {
          id: randomUUID(),
          url: target.url,
          event: 'push',
          body,
          attempts: 0,
          nextAt: Date.now(),
        };
        this.track(
          this.save(delivery).then(
            () => this.schedule(delivery, 0),
            (error: Error) => this.log(`webhook: cannot record a delivery: ${error.message}`),
          ),
        );
      }
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private file(delivery: Delivery, dir = this.pendingDir): string {
    return join(dir, `${delivery.id}.json`);
  }

  private async save(delivery: Delivery): Promise<void> {
    await mkdir(this.pendingDir, { recursive: true });
    const temp = `${this.file(delivery)}.tmp`;
    await writeFile(temp, JSON.stringify(delivery));
    await rename(temp, this.file(delivery));
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      this.track(this.attempt(delivery));
    }, delayMs);
    timer.unref();
    this.timers.set(delivery.id, timer);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const target = this.targets.find((t) => t.url === delivery.url);
    if (!target) {
      this.log(
        `webhook: ${redactUrl(delivery.url)} is no longer configured; delivery ${delivery.id} dropped`,
      );
      await rm(this.file(delivery), { force: true });
      return;
    }
    delivery.attempts++;
    let problem: string | undefined;
    try {
      const { url, authorization } = splitCredentials(target.url);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          ...(authorization ? { Authorization: authorization } : {}),
          'Content-Type': 'application/json',
          'User-Agent': 'git-storage-kit-local-server',
          'X-Pierre-Event': delivery.event,
          'X-Pierre-Signature': sign(delivery.body, target.secret),
          'X-Pierre-Delivery': delivery.id,
        },
        body: delivery.body,
        // A signed event goes to the configured URL only, never re-posted where a redirect says.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.retry.timeoutMs), this.stopping.signal]),
      });
      await response.body?.cancel();
      if (response.status >= 300 && response.status < 400) {
        problem = `HTTP ${response.status} redirect (not followed: configure the final URL)`;
      } else if (!response.ok) problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = (error as Error).cause
        ? String((error as { cause: Error }).cause.message ?? (error as Error).cause)
        : (error as Error).message;
    }
    if (!problem) {
      await rm(this.file(delivery), { force: true });
      return;
    }
    delivery.lastError = problem;
    if (delivery.attempts >= this.retry.maxAttempts) {
      this.log(
        `webhook: giving up on delivery ${delivery.id} to ${redactUrl(delivery.url)} after ${delivery.attempts} attempts (${problem})`,
      );
      await this.save(delivery);
      await mkdir(this.failedDir, { recursive: true });
      await rename(this.file(delivery), this.file(delivery, this.failedDir));
      return;
    }
    const wait = Math.min(
      this.retry.maxDelayMs,
      this.retry.baseDelayMs * 2 ** (delivery.attempts - 1),
    );
    delivery.nextAt = Date.now() + wait;
    this.log(
      `webhook: delivery ${delivery.id} to ${redactUrl(delivery.url)} failed (${problem}); retry ${delivery.attempts} in ${Math.round(wait / 1000)} s`,
    );
    if (this.closed) return; // already saved as pending by the last save: picked up on restart
    await this.save(delivery);
    this.schedule(delivery, wait);
  }

  /** Stops sending; what is pending stays on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

/** A URL fit for logs: a password in it (`https://user:secret@host/`) is replaced by `***`. */
export function redactUrl(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed?.password) return url;
  parsed.password = '***';
  return parsed.href;
}

/**
 * `fetch` refuses URLs with credentials: `https://user:secret@host/` is sent to `https://host/`
 * with the credentials as HTTP Basic authorization, as a browser or curl would.
 */
function splitCredentials(raw: string): { url: string; authorization?: string } {
  const parsed = URL.parse(raw);
  if (!parsed || (!parsed.username && !parsed.password)) return { url: raw };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
}
