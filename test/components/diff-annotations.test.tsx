// @vitest-environment jsdom
/**
 * The diff model's annotations and line selection, what review features are built on: app
 * content lands between the rows right after the line it names (on the side it names), nothing
 * of the diff is lost or moved by the cut, and line numbers select lines with shift-click
 * stretching. The headless `useDiffView` drives the same keyboard model in any markup.
 */
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  waitFor,
} from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planOf } from '../../src/components/diff-viewer/diff-model.js';
import {
  annotatePlan,
  type DiffBlock,
  type LinesBlock,
  sourceLines,
} from '../../src/components/diff-viewer/diff-plan.js';
import { loadPieceRenderer } from '../../src/components/diff-viewer/load-piece.js';
import {
  type DiffAnnotation,
  type DiffLineRange,
  DiffView,
  useDiffView,
} from '../../src/components/index.js';
import { bigChange, sampleDiff } from '../../stories/support/diff-fixtures.js';
import { mountEveryRow } from '../helpers/jsdom-layout.js';

const server = {
  files: sampleDiff.files.filter((f) => f.path === 'src/server.ts'),
  filteredFiles: [],
};

/** Every row a plan shows, as "old:new:text" per side, in order. */
function rowsOf(blocks: readonly DiffBlock[]): string[] {
  const rows: string[] = [];
  for (const b of blocks) {
    if (b.type !== 'lines') continue;
    const old = sourceLines(b.source, b.oldFrom, b.oldTo);
    old.forEach((t, k) => {
      rows.push(b.change ? `-${b.oldStart + k}:${t}` : `=${b.oldStart + k}/${b.newStart + k}:${t}`);
    });
    if (b.change) {
      sourceLines(b.source, b.newFrom, b.newTo).forEach((t, k) => {
        rows.push(`+${b.newStart + k}:${t}`);
      });
    }
  }
  return rows;
}

describe('annotatePlan', () => {
  const entry = { ...bigChange(400).file, filtered: false };
  const plan = planOf(entry, undefined, false);

  it('cuts the piece after the anchored line and keeps every row in its place', () => {
    const change = plan.blocks.find((b): b is LinesBlock => b.type === 'lines' && b.change);
    if (!change) throw new Error('no change in the fixture');
    const added = change.newStart + 1;
    const removed = change.oldStart;
    const out = annotatePlan(plan, [
      { side: 'new', line: added, id: 'on-new' },
      { side: 'old', line: removed, id: 'on-old' },
    ]);
    expect(rowsOf(out.blocks)).toEqual(rowsOf(plan.blocks));
    const at = (id: string) => out.blocks.findIndex((b) => b.type === 'annotation' && b.id === id);
    // The row right before each annotation is the line it names.
    const lastRowBefore = (index: number) => rowsOf(out.blocks.slice(0, index)).at(-1);
    expect(lastRowBefore(at('on-old'))).toMatch(new RegExp(`^-${removed}:`));
    expect(lastRowBefore(at('on-new'))).toMatch(new RegExp(`^\\+${added}:`));
    expect(at('on-old')).toBeLessThan(at('on-new'));
    // "Next change" still lands on the first piece of each change, as many changes as before.
    expect(out.changeStarts).toHaveLength(plan.changeStarts.length);
    for (const k of out.changeStarts) {
      expect((out.blocks[k] as LinesBlock).firstOfChange).toBe(true);
    }
  });

  it('anchors on an unchanged line (either side numbering), and leaves out lines not shown', () => {
    const same = plan.blocks.find((b): b is LinesBlock => b.type === 'lines' && !b.change);
    if (!same) throw new Error('no context in the fixture');
    const out = annotatePlan(plan, [
      { side: 'new', line: same.newStart, id: 'ctx' },
      { side: 'new', line: 10_000_000, id: 'gone' },
    ]);
    const ids = out.blocks.filter((b) => b.type === 'annotation').map((b) => b.id);
    expect(ids).toEqual(['ctx']);
    expect(rowsOf(out.blocks)).toEqual(rowsOf(plan.blocks));
  });

  it('returns the plan itself when nothing is anchored (no work for files without notes)', () => {
    expect(annotatePlan(plan, [])).toBe(plan);
  });
});

/** A parent that owns the selection and records what it was told. */
function Selecting(props: { told: (DiffLineRange | null)[] }) {
  const [range, setRange] = useState<DiffLineRange | null>(null);
  return (
    <DiffView
      diff={server}
      split={false}
      highlight={false}
      selectedLines={range}
      onSelectedLinesChange={(next) => {
        props.told.push(next);
        setRange(next);
      }}
    />
  );
}

describe('DiffView annotations and line selection', () => {
  beforeAll(() => mountEveryRow('.gsk-diff__scroll'));
  afterEach(cleanup);

  it('draws app content after the line it names, between the rows', async () => {
    const annotations: DiffAnnotation[] = [
      { key: 'a', path: 'src/server.ts', side: 'new', line: 5, content: <p>Looks right</p> },
      { key: 'b', path: 'src/server.ts', side: 'old', line: 4, content: <p>Why 8080?</p> },
    ];
    render(<DiffView diff={server} split={false} highlight={false} annotations={annotations} />);
    const note = await screen.findByText('Looks right');
    // The rows come with the line renderer's chunk.
    await screen.findAllByText(/^added, new line 5:/);
    const row = (name: RegExp) => {
      const cell = screen.getAllByText(name, { selector: '.gsk-visually-hidden' })[0];
      if (!cell) throw new Error(`no row ${name}`);
      return cell;
    };
    const follows = (a: Node, b: Node) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(row(/^added, new line 5:/), note)).toBe(true);
    expect(follows(note, row(/^added, new line 6:/))).toBe(true);
    const why = screen.getByText('Why 8080?');
    expect(follows(row(/^removed, old line 4:/), why)).toBe(true);
    expect(follows(why, row(/^removed, old line 5:/))).toBe(true);
  });

  it('selects a line by its number, stretches with shift, clears on a second click', async () => {
    const told: (DiffLineRange | null)[] = [];
    render(<Selecting told={told} />);
    const button = (name: RegExp) => screen.getByRole('button', { name });
    fireEvent.click(await screen.findByRole('button', { name: /^added, new line 4:/ }));
    expect(told.at(-1)).toEqual({ path: 'src/server.ts', side: 'new', start: 4, end: 4 });
    fireEvent.click(button(/^added, new line 6:/), { shiftKey: true });
    expect(told.at(-1)).toEqual({ path: 'src/server.ts', side: 'new', start: 4, end: 6 });
    await waitFor(() =>
      expect(button(/^added, new line 5:/).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(button(/^removed, old line 4:/).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button(/^removed, old line 4:/));
    expect(told.at(-1)).toEqual({ path: 'src/server.ts', side: 'old', start: 4, end: 4 });
    fireEvent.click(button(/^removed, old line 4:/));
    expect(told.at(-1)).toBeNull();
  });

  it('draws its pieces in the first render once the line renderer has arrived (no suspense)', async () => {
    // React reveals a suspended boundary up to 300 ms late: a loaded renderer must not suspend.
    await loadPieceRenderer();
    render(
      <DiffView
        diff={server}
        split={false}
        highlight={false}
        initialRect={{ width: 1200, height: 4000 }}
      />,
    );
    // The pieces' tables are there in the render itself: nothing suspended.
    expect(document.querySelectorAll('.gsk-diff-file__block table').length).toBeGreaterThan(0);
  });

  it('keeps line numbers as plain text when nothing selects lines', async () => {
    render(<DiffView diff={server} split={false} highlight={false} />);
    await screen.findAllByText(/^added, new line 4:/);
    expect(screen.queryByRole('button', { name: /new line 4/ })).toBeNull();
  });
});

describe('useDiffView', () => {
  it('is the keyboard model without the markup: n steps through changes and says where', () => {
    const { result } = renderHook(() => useDiffView({ diff: sampleDiff }));
    const first = result.current.entries.findIndex((e) => !e.filtered);
    expect(first).toBeGreaterThanOrEqual(0);
    act(() => {
      result.current.rootProps.onKeyDown({
        key: 'n',
        target: document.body,
        preventDefault() {},
      } as never);
    });
    expect(result.current.announcement).toMatch(/^Change 1 of \d+ in /);
    act(() => result.current.stepFile(1));
    expect(result.current.announcement).toMatch(/^File 2 of/);
  });
});
