// @vitest-environment jsdom
/**
 * The branch combobox's rules against accidents, as a keyboard user meets them: the list opens
 * at the current branch, "Create branch …" is never what Enter picks unless the reader moved to
 * it, and creating is confirmed. The headless `useBranchCombobox` gives the same model to other
 * markup. (Typing over a chosen branch is tested in Chromium: jsdom does not type.)
 */
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  within,
} from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BranchCombobox, useBranchCombobox } from '../../src/components/index.js';
import { giveElementsASize } from '../helpers/jsdom-layout.js';

const BRANCHES = ['main', 'feature/login', 'feature/search', 'release/1.0', 'release/2.0'];
beforeAll(() => giveElementsASize());
afterEach(cleanup);

function setup(value = 'release/1.0') {
  const onChange = vi.fn();
  const onCreate = vi.fn();
  render(
    <BranchCombobox
      branches={BRANCHES}
      value={value}
      defaultBranch="main"
      onChange={onChange}
      onCreate={onCreate}
    />,
  );
  const input = screen.getByRole('combobox', { name: 'Branch' }) as HTMLInputElement;
  const activeText = () =>
    document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent ?? null;
  return { input, onChange, onCreate, activeText };
}

describe('BranchCombobox', () => {
  it('opens at the current branch, so ArrowDown + Enter moves one branch on', () => {
    const { input, onChange, activeText } = setup();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(activeText()).toBe('release/1.0');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith('release/2.0');
  });

  it('never creates on Enter when the only option left is "Create branch …"', () => {
    const { input, onCreate, onChange, activeText } = setup();
    fireEvent.change(input, { target: { value: 'feature/loginqq' } });
    expect(screen.getByRole('option').textContent).toBe(
      'Create branch feature/loginqq from release/1.0',
    );
    expect(activeText()).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onCreate).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('creates only after the reader moves to the offer and confirms', async () => {
    const { input, onCreate, activeText } = setup();
    fireEvent.change(input, { target: { value: 'feature/new' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(activeText()).toBe('Create branch feature/new from release/1.0');
    fireEvent.keyDown(input, { key: 'Enter' });
    const dialog = await screen.findByRole('dialog', {
      name: 'Create branch feature/new from release/1.0?',
    });
    // Focus is on Cancel: a second Enter cancels, it does not create.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onCreate).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: 'feature/new' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Create branch' }),
    );
    expect(onCreate).toHaveBeenCalledWith('feature/new', 'release/1.0');
  });

  it('with a filter, Enter picks the first matching branch, never the offer after it', () => {
    const { input, onChange, onCreate } = setup();
    fireEvent.change(input, { target: { value: 'feat' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith('feature/login');
    expect(onCreate).not.toHaveBeenCalled();
  });
});

describe('useBranchCombobox', () => {
  it('is the same model without the markup', () => {
    const onChange = vi.fn();
    const { result } = renderHook(() =>
      useBranchCombobox({ branches: BRANCHES, value: 'main', onChange }),
    );
    act(() => result.current.setOpen(true));
    expect(result.current.open).toBe(true);
    expect(result.current.options[result.current.active]?.name).toBe('main');
    expect(result.current.inputProps['aria-activedescendant']).toBe(
      result.current.optionProps(result.current.active).id,
    );
    act(() => result.current.optionProps(2).onClick());
    expect(onChange).toHaveBeenCalledWith('feature/search');
    expect(result.current.open).toBe(false);
  });
});
