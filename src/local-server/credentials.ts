/**
 * Git-sync credentials (PROTOCOL.md §7.2), one per repository, kept in `<dataDir>/credentials/`
 * and encrypted at rest with AES-256-GCM under a key made on first use in
 * `<dataDir>/credentials.key` (mode 0600). They are never returned by any route: the local server
 * has no network access, so they are stored for programs that manage them, not used.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { oneAtATime } from './ref-queue.js';

interface StoredCredential {
  id: string;
  repoId: string;
  createdAt: string;
  updatedAt: string;
  /** base64 of IV (12 bytes) + GCM tag (16 bytes) + ciphertext of `{"username","password"}`. */
  secret: string;
}

export interface CredentialInfo {
  id: string;
  repoId: string;
  createdAt: string;
}

export class CredentialStore {
  private readonly dir: string;
  private readonly keyFile: string;
  private key: Promise<Buffer> | undefined;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'credentials');
    this.keyFile = join(dataDir, 'credentials.key');
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= (async () => {
      try {
        return Buffer.from((await readFile(this.keyFile, 'utf8')).trim(), 'base64');
      } catch {
        const key = randomBytes(32);
        // `wx`: two first uses racing keep one key.
        await writeFile(this.keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' }).catch(
          () => {},
        );
        return Buffer.from((await readFile(this.keyFile, 'utf8')).trim(), 'base64');
      }
    })();
    return this.key;
  }

  private async seal(username: string | undefined, password: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify({ username, password }), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The decrypted secret (for tests and for a future sync); never sent to clients. */
  async open(id: string): Promise<{ username?: string; password: string } | null> {
    const stored = await this.read(id);
    if (!stored) return null;
    const raw = Buffer.from(stored.secret, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return JSON.parse(text.toString('utf8'));
  }

  private file(id: string): string {
    return join(this.dir, `${encodeURIComponent(id)}.json`);
  }

  private async read(id: string): Promise<StoredCredential | null> {
    try {
      return JSON.parse(await readFile(this.file(id), 'utf8')) as StoredCredential;
    } catch {
      return null;
    }
  }

  private async write(stored: StoredCredential): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file(stored.id)}.${randomUUID()}`;
    await writeFile(temp, JSON.stringify(stored), { mode: 0o600 });
    await rename(temp, this.file(stored.id));
  }

  /** Which repository a credential belongs to (never its secret). */
  async info(id: string): Promise<CredentialInfo | null> {
    const stored = await this.read(id);
    return stored ? { id, repoId: stored.repoId, createdAt: stored.createdAt } : null;
  }

  async forRepo(repoId: string): Promise<StoredCredential | null> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return null;
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const stored = await this.read(decodeURIComponent(name.slice(0, -5)));
      if (stored?.repoId === repoId) return stored;
    }
    return null;
  }

  /**
   * Stores a new credential for `repoId`; null when the repository already has one. Creates for
   * one repository run one at a time: the check for an existing credential and the write of a
   * new one are otherwise two steps, and twenty concurrent creates stored nineteen.
   */
  create(
    repoId: string,
    username: string | undefined,
    password: string,
  ): Promise<CredentialInfo | null> {
    return oneAtATime(`${this.dir}\0credential\0${repoId}`, () =>
      this.createNow(repoId, username, password),
    );
  }

  private async createNow(
    repoId: string,
    username: string | undefined,
    password: string,
  ): Promise<CredentialInfo | null> {
    if (await this.forRepo(repoId)) return null;
    const now = new Date().toISOString();
    const stored: StoredCredential = {
      id: `cred_${randomUUID().replace(/-/g, '')}`,
      repoId,
      createdAt: now,
      updatedAt: now,
      secret: await this.seal(username, password),
    };
    await this.write(stored);
    return { id: stored.id, repoId, createdAt: now };
  }

  /** Replaces a credential's secret; null when there is no such credential. */
  async update(
    id: string,
    username: string | undefined,
    password: string,
  ): Promise<CredentialInfo | null> {
    const stored = await this.read(id);
    if (!stored) return null;
    await this.write({
      ...stored,
      updatedAt: new Date().toISOString(),
      secret: await this.seal(username, password),
    });
    return { id, repoId: stored.repoId, createdAt: stored.createdAt };
  }

  async delete(id: string): Promise<boolean> {
    if (!(await this.read(id))) return false;
    await rm(this.file(id), { force: true });
    return true;
  }

  /** Drops the credentials of a deleted repository (all of them, should there be more than one). */
  async deleteForRepo(repoId: string): Promise<void> {
    for (let stored = await this.forRepo(repoId); stored; stored = await this.forRepo(repoId)) {
      await this.delete(stored.id);
    }
  }
}
