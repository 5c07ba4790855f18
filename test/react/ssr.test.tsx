/**
 * Server rendering: the hooks module loads and renders in plain Node (no window, no document),
 * and a hook renders its loading state without touching the network.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GitStorage } from '../../src/core/index.js';
import { GitStorageProvider, useFiles } from '../../src/react/index.js';

function FileCount() {
  const files = useFiles('ssr/repo');
  return <p>{files.isPending ? 'loading files' : `${files.data?.paths.length} files`}</p>;
}

describe('server rendering', () => {
  it('renders without window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    let requests = 0;
    const client = new GitStorage({
      name: 'ssr',
      getToken: async () => {
        requests++;
        return 'never-used';
      },
    });
    const html = renderToString(
      <GitStorageProvider client={client}>
        <FileCount />
      </GitStorageProvider>,
    );
    expect(html).toBe('<p>loading files</p>');
    expect(requests).toBe(0);
  });
});
