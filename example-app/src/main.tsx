/**
 * The browser side: asks the backend where the storage API is, builds the client with a
 * `getToken` that calls the backend's token endpoint (the private key never comes here), and
 * renders the app.
 */

import { AuthError, GitStorage } from 'git-storage-kit';
import { GitStorageProvider } from 'git-storage-kit/react';
import { createRoot } from 'react-dom/client';
import 'git-storage-kit/styles.css';
import './app.css';
import { App } from './App.js';

const config = (await (await fetch('/api/config')).json()) as { apiBaseUrl: string; name: string };

const client = new GitStorage({
  name: config.name,
  apiBaseUrl: config.apiBaseUrl,
  getToken: async ({ repoId, scopes }) => {
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ repo: repoId, scopes }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(body.error ?? 'the backend refused a token', response.status);
    }
    if (!response.ok) throw new Error(body.error ?? `token endpoint answered ${response.status}`);
    return body as { token: string; expiresAt: string };
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <GitStorageProvider client={client}>
    <App />
  </GitStorageProvider>,
);
