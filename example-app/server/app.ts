/**
 * The host backend of the example app: a demo sign-in kept in a signed, HttpOnly cookie, and the
 * token endpoint that turns it into short-lived, repo-scoped tokens. The private key never leaves
 * this file's process. Hono runs on any Fetch-API runtime; `start.ts` serves it with Node.
 */

import { createTokenHandler } from 'git-storage-kit/server';
import { type Context, Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { isDemoRepo } from '../src/repo-name.js';

export type Role = 'reader' | 'writer';
export interface Session {
  name: string;
  role: Role;
}

export interface ExampleAppOptions {
  /** Where the storage API is and how to sign its tokens (the local server, or Code Storage). */
  storage: { apiBaseUrl: string; name: string; privateKey: string };
  /** Signs the session cookie. */
  cookieSecret: string;
  /** Repositories this demo lets its users touch (default: `demo/<name>` by the page's rule). */
  allowRepo?: (repoId: string) => boolean;
  /** Token lifetime in seconds (default 900). */
  tokenTtl?: number;
}

const COOKIE = 'gsk_example_session';

export function createExampleApp(options: ExampleAppOptions): Hono {
  const allowRepo = options.allowRepo ?? isDemoRepo;
  const app = new Hono();

  const sessionOf = async (c: Context): Promise<Session | null> => {
    const raw = await getSignedCookie(c, options.cookieSecret, COOKIE);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Session;
      return parsed.role === 'reader' || parsed.role === 'writer' ? parsed : null;
    } catch {
      return null;
    }
  };

  // The storage API's address and organisation: public facts, not secrets.
  app.get('/api/config', (c) =>
    c.json({ apiBaseUrl: options.storage.apiBaseUrl, name: options.storage.name }),
  );

  app.get('/api/session', async (c) => {
    const session = await sessionOf(c);
    return session ? c.json(session) : c.json({ error: 'not signed in' }, 401);
  });

  app.post('/api/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Partial<Session> | null;
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (!name || name.length > 64)
      return c.json({ error: 'give a name of 1 to 64 characters' }, 400);
    if (body?.role !== 'reader' && body?.role !== 'writer') {
      return c.json({ error: 'role is "reader" or "writer"' }, 400);
    }
    const session: Session = { name, role: body.role };
    await setSignedCookie(c, COOKIE, JSON.stringify(session), options.cookieSecret, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 8 * 3600,
    });
    return c.json(session);
  });

  app.delete('/api/session', (c) => {
    deleteCookie(c, COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  // Who asked, per request, for the token handler's `authorize`.
  const sessions = new WeakMap<Request, Session>();
  const tokens = createTokenHandler({
    key: options.storage.privateKey,
    name: options.storage.name,
    defaultTtl: options.tokenTtl ?? 900,
    authorize: (request, wanted) => {
      const session = sessions.get(request);
      if (!session) return 'unauthenticated';
      const writer = session.role === 'writer';
      if (wanted.repoId === 'org') {
        // Listing repositories: everyone signed in.
        return { repoId: 'org', scopes: ['org:read'] };
      }
      if (!allowRepo(wanted.repoId)) return null;
      return {
        repoId: wanted.repoId,
        scopes: writer ? ['git:read', 'git:write', 'repo:write'] : ['git:read'],
      };
    },
  });
  app.post('/api/token', async (c) => {
    const session = await sessionOf(c);
    if (session) sessions.set(c.req.raw, session);
    return tokens(c.req.raw);
  });

  return app;
}
