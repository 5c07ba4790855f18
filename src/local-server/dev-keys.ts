import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKeyPem: string;
}

/**
 * Makes (or reuses) an ES256 key pair under `<dataDir>/dev-keys/` for demos and development.
 * The private key stays on this machine; never ship it to a browser.
 */
export async function ensureDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = join(dataDir, 'dev-keys');
  const privateKeyPath = join(dir, 'private.pem');
  const publicKeyPath = join(dir, 'public.pem');
  try {
    const publicKeyPem = await readFile(publicKeyPath, 'utf8');
    await readFile(privateKeyPath, 'utf8');
    return { privateKeyPath, publicKeyPath, publicKeyPem };
  } catch {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    await writeFile(publicKeyPath, publicKeyPem);
    return { privateKeyPath, publicKeyPath, publicKeyPem };
  }
}

export interface DevTls {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

/**
 * Makes (or reuses) a self-signed TLS certificate for `localhost`, 127.0.0.1 and ::1 under
 * `<dataDir>/dev-tls/`, renewed when it has less than a day left. Trust it per tool:
 * `git -c http.sslCAInfo=<certPath> …`, `NODE_EXTRA_CA_CERTS=<certPath> node …`.
 */
export async function ensureDevTls(
  dataDir: string,
  hosts: readonly string[] = [],
): Promise<DevTls> {
  const dir = join(dataDir, 'dev-tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const x509 = new X509Certificate(cert);
    const names = x509.subjectAltName ?? '';
    if (
      new Date(x509.validTo).getTime() - Date.now() > 24 * 3600_000 &&
      hosts.every((h) => names.includes(h))
    ) {
      return { certPath, keyPath, cert, key };
    }
  } catch {
    // none yet, or unreadable: make one
  }
  // Generating an X.509 certificate is not in node:crypto; selfsigned (on Node's WebCrypto)
  // is the library the field uses for it. Loaded only here, for --dev-tls.
  const { generate } = await import('selfsigned');
  const ipv4 = /^\d+\.\d+\.\d+\.\d+$/;
  const altNames = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])].map((h) =>
    ipv4.test(h) || h.includes(':') ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
  );
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'git-storage-kit local server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { certPath, keyPath, cert: pems.cert, key: pems.private };
}
