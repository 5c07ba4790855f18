/**
 * The browser side: asks the backend where the storage API is, builds the client with a
 * `getToken` that calls the backend's token endpoint (the private key never comes here), and
 * renders the app.
 */

import { AuthError, GitStorage } from 'git-storage-kit';
import { GitStorageProvider } from 'git-storage-kit/react';
import { useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'git-storage-kit/styles.css';
import './app.css';
import { App } from './App.js';

const config = (await (await fetch('/api/config')).json()) as { apiBaseUrl: string; name: string };

/**
 * A client per signed-in session: its tokens were minted for that user's cookie, so a sign-out
 * (or a sign-in as someone else) gets a new client, and the provider drops the old one's tokens
 * and cached reads.
 */
function makeClient(): GitStorage {
  return new GitStorage({
    name: config.name,
    apiBaseUrl: config.apiBaseUrl,
    getToken: async ({ repoId, scopes, signal }) => {
      const response = await fetch('/api/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ repo: repoId, scopes }),
        ...(signal ? { signal } : {}),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      if (response.status === 401 || response.status === 403) {
        throw new AuthError(body.error ?? 'the backend refused a token', response.status);
      }
      if (!response.ok) throw new Error(body.error ?? `token endpoint answered ${response.status}`);
      return body as { token: string; expiresAt: string };
    },
  });
}

function Root() {
  const [client, setClient] = useState(makeClient);
  const newSession = useCallback(() => {
    // Tokens and the drafts this browser kept for the last user go with the session.
    void client.signOut();
    setClient(makeClient());
  }, [client]);
  return (
    <GitStorageProvider client={client}>
      <App onSessionChange={newSession} />
    </GitStorageProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Root />);
