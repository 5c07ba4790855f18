import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useContext, useState } from 'react';
import { GitStorage, type GitStorageOptions } from '../core/index.js';
import { GitStorageContext } from './context.js';

export type GitStorageProviderProps = {
  children?: ReactNode;
  /** A QueryClient to use when the app has no QueryClientProvider above this one. */
  queryClient?: QueryClient;
} & ({ client: GitStorage; options?: never } | { options: GitStorageOptions; client?: never });

/**
 * Makes a {@link GitStorage} client available to the hooks. Works inside an app's existing
 * `QueryClientProvider`, or provides its own QueryClient when there is none.
 *
 * ```tsx
 * <GitStorageProvider options={{ name: 'acme', getToken }}>
 *   <App />
 * </GitStorageProvider>
 * ```
 */
export function GitStorageProvider(props: GitStorageProviderProps) {
  // The client (or its options) is read once: recreating it would drop cached tokens.
  const [client] = useState(
    () => props.client ?? new GitStorage(props.options as GitStorageOptions),
  );
  const outer = useContext(QueryClientContext);
  const [own] = useState(() => (outer ? null : (props.queryClient ?? new QueryClient())));
  const inner = (
    <GitStorageContext.Provider value={client}>{props.children}</GitStorageContext.Provider>
  );
  return own ? <QueryClientProvider client={own}>{inner}</QueryClientProvider> : inner;
}
