// @vitest-environment jsdom
/**
 * Every presentational story rendered through Storybook's portable stories (composeStories), so
 * a story broken by a component change fails `npm test` even before the Chromium run.
 */
import { composeStories } from '@storybook/react-vite';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import preview from '../../.storybook/preview.js';
import * as branchCombobox from '../../stories/BranchCombobox.stories.js';
import * as commitList from '../../stories/CommitList.stories.js';
import * as filePreview from '../../stories/FilePreview.stories.js';
import * as fileTree from '../../stories/FileTree.stories.js';
import { giveElementsASize } from '../helpers/jsdom-layout.js';

giveElementsASize();
afterEach(() => cleanup());

const files = { branchCombobox, commitList, filePreview, fileTree };

describe('portable stories', () => {
  for (const [file, module] of Object.entries(files)) {
    const stories = composeStories(module, preview);
    for (const [name, Story] of Object.entries(stories)) {
      it(`${file}: ${name} renders without logging an error`, () => {
        const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
        const { container } = render(<Story />);
        expect(container.textContent?.trim() || container.querySelector('img, svg')).toBeTruthy();
        expect(errors).not.toHaveBeenCalled();
        errors.mockRestore();
      });
    }
  }
});
