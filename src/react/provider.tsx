import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { Fragment, type ReactNode, useContext, useRef, useState } from 'react';
import { GitStorage, type GitStorageOptions } from '../core/index.js';
import { CspNonceContext, GitStorageContext } from './context.js';
import { storageKeys } from './storage-keys.js';

export type GitStorageProviderProps = {
  children?: ReactNode;
  /** A QueryClient to use when the app has no QueryClientProvider above this one. */
  queryClient?: QueryClient;
  /**
   * Your Content-Security-Policy nonce: every diff the kit draws (in `DiffViewer`,
   * `RepositoryBrowser`, `CommitComposer`) gives it to the `<style>` elements it inserts.
   */
  nonce?: string;
} & ({ client: GitStorage; options?: never } | { options: GitStorageOptions; client?: never });

/**
 * Makes a {@link GitStorage} client available to the hooks. `options` are read on the first
 * render; give a new `client` to change sessions (sign-out, another user): the old client's
 * tokens are cleared, its cached reads dropped and the children remounted. Works inside an app's existing
 * `QueryClientProvider`, or provides its own QueryClient when there is none.
 *
 * ```tsx
 * <GitStorageProvider options={{ name: 'acme', getToken }}>
 *   <App />
 * </GitStorageProvider>
 * ```
 */
export function GitStorageProvider(props: GitStorageProviderProps) {
  // Options are read once (recreating the client on every render would drop cached tokens); a
  // new `client` prop is taken, so an app can swap clients when the user changes.
  const [own] = useState(() =>
    props.client ? null : new GitStorage(props.options as GitStorageOptions),
  );
  const client = props.client ?? (own as GitStorage);
  const outer = useContext(QueryClientContext);
  const [ownQueries] = useState(() => (outer ? null : (props.queryClient ?? new QueryClient())));
  const queryClient = outer ?? (ownQueries as QueryClient);
  // A new client is a new session: what the old one read must not be shown under it (not even
  // for one frame, so this runs before the children render), and its tokens must not be used
  // again. The children are remounted, so no state made for the old client survives.
  const session = useRef({ client, generation: 0 });
  if (session.current.client !== client) {
    session.current.client.clearTokens();
    queryClient.removeQueries({ queryKey: storageKeys.all });
    session.current = { client, generation: session.current.generation + 1 };
  }
  if (own && props.options) warnIfOptionsChanged(own, props.options);
  const inner = (
    <GitStorageContext.Provider value={client}>
      <CspNonceContext.Provider value={props.nonce}>
        <Fragment key={session.current.generation}>{props.children}</Fragment>
      </CspNonceContext.Provider>
    </GitStorageContext.Provider>
  );
  return ownQueries ? (
    <QueryClientProvider client={ownQueries}>{inner}</QueryClientProvider>
  ) : (
    inner
  );
}

const firstOptions = new WeakMap<GitStorage, GitStorageOptions>();
const warned = new WeakSet<GitStorage>();

/**
 * `options` are read on the first render, so a later change of what they say (not of their
 * identity: an inline object is new on every render) is ignored — said once per client, with
 * what to do instead.
 */
function warnIfOptionsChanged(client: GitStorage, options: GitStorageOptions): void {
  const first = firstOptions.get(client);
  if (!first) {
    firstOptions.set(client, options);
    return;
  }
  const changed = (['name', 'apiBaseUrl', 'storageBaseUrl', 'token'] as const).filter(
    (key) => first[key] !== options[key],
  );
  if (changed.length === 0 || warned.has(client)) return;
  warned.add(client);
  console.warn(
    `GitStorageProvider: options ${changed.join(', ')} changed after the first render and are ignored. ` +
      'Pass a new `client`, or remount the provider with a `key`, to change them.',
  );
}
