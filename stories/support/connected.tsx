/**
 * Connected stories talk to a real local server the way a host app does: the storage API's
 * address from `/gsk/config`, tokens from the token endpoint at `/gsk/token` (built on
 * `createTokenHandler`, see backend.ts). Without the backend they say how to start it.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { GitStorage } from '../../src/core/browser.js';
import { GitStorageProvider } from '../../src/react/index.js';

export interface StoryConfig {
  apiBaseUrl: string;
  name: string;
  repos: {
    demo: string;
    big: string;
    hostile: string;
    diffs: string;
    review: string;
    empty: string;
  };
}

async function getToken({ repoId, scopes }: { repoId: string; scopes: readonly string[] }) {
  const response = await fetch('/gsk/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ repo: repoId, scopes }),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return response.json();
}

export function Connected(props: { children: (repos: StoryConfig['repos']) => ReactNode }) {
  const [state, setState] = useState<
    { config: StoryConfig; client: GitStorage; queryClient: QueryClient } | Error | null
  >(null);
  useEffect(() => {
    let live = true;
    fetch('/gsk/config')
      .then(async (response) => {
        if (!response.ok) throw new Error(`/gsk/config answered ${response.status}`);
        const config = (await response.json()) as StoryConfig;
        const client = new GitStorage({
          name: config.name,
          apiBaseUrl: config.apiBaseUrl,
          getToken,
        });
        if (live) setState({ config, client, queryClient: new QueryClient() });
      })
      .catch((error: Error) => live && setState(error));
    return () => {
      live = false;
    };
  }, []);
  if (state === null) return <p className="gsk-message">Connecting to the story backend…</p>;
  if (state instanceof Error) {
    return (
      <p className="gsk-message">
        This story reads from a local server. Run <code>npm run storybook</code>, which starts one
        with seeded repositories. ({state.message})
      </p>
    );
  }
  return (
    <QueryClientProvider client={state.queryClient}>
      <GitStorageProvider client={state.client}>
        {props.children(state.config.repos)}
      </GitStorageProvider>
    </QueryClientProvider>
  );
}
