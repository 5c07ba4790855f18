/**
 * A page served with a strict Content-Security-Policy (no inline styles or scripts, no workers):
 * DiffView gets the nonce from a meta tag (or a wrong one with `?nonce=wrong`), and every
 * violation the browser reports is kept in `window.violations`.
 */
import { createRoot } from 'react-dom/client';
import { DiffView } from '../../../src/components/index.js';
import '../../../src/components/styles.css';
import { hostileDiff, sampleDiff } from '../../../stories/support/diff-fixtures.js';

declare global {
  interface Window {
    violations: string[];
  }
}

window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

const params = new URLSearchParams(location.search);
const nonce =
  params.get('nonce') ?? document.querySelector<HTMLMetaElement>('meta[name=csp-nonce]')?.content;
const diff = {
  files: [...sampleDiff.files, ...hostileDiff.files],
  filteredFiles: sampleDiff.filteredFiles,
};
createRoot(document.getElementById('root') as HTMLElement).render(
  <div className="page">
    <DiffView diff={diff} split={params.get('split') === '1'} {...(nonce ? { nonce } : {})} />
  </div>,
);
