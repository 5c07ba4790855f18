/**
 * The connected diff viewer, loaded when first drawn: the repository browser's commit view and
 * the composer's "Review their changes" show a diff only on demand, so the diff renderer
 * (react-diff-viewer-continued, emotion, jsdiff) is a chunk an app fetches then, not up front.
 */
import { lazy, type ReactElement, Suspense } from 'react';
import { useFamilyLabels } from '../shared/labels.js';
import type { DiffViewerProps } from './DiffViewer.js';
import { diffViewerLabels } from './labels.js';

const Loaded = lazy(() => import('./DiffViewer.js').then((m) => ({ default: m.DiffViewer })));

export function LazyDiffViewer(props: DiffViewerProps): ReactElement {
  const labels = useFamilyLabels(diffViewerLabels, props.labels);
  return (
    <Suspense
      fallback={
        <p className="gsk-message" role="status">
          {labels.diffLoading}
        </p>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}
