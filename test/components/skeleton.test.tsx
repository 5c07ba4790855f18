// @vitest-environment jsdom
/**
 * Loading looks like what is coming (bars in the shape of the history, of a file) and is still
 * said in words to screen readers, in a status region.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitList, FilePreview } from '../../src/components/index.js';

afterEach(cleanup);

describe('loading skeletons', () => {
  it('draws the history as grey two-line rows while it loads, and says so', () => {
    render(<CommitList commits={[]} loading />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Loading history…');
    expect(status.querySelectorAll('.gsk-skeleton__row')).toHaveLength(6);
    expect(status.querySelectorAll('.gsk-skeleton__bar--small')).toHaveLength(6);
    expect(status.querySelector('.gsk-skeleton__row')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws a file as grey lines while it loads', () => {
    render(<FilePreview path="src/index.ts" loading />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Loading file…');
    expect(status.querySelectorAll('.gsk-skeleton__row')).toHaveLength(8);
  });
});
