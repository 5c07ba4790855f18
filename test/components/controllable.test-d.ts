/** The controllable props' types: a value, its default, and the change callback, per prop. */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  BranchComboboxProps,
  DiffViewProps,
  FileTreeProps,
  RepositoryBrowserProps,
  RepositoryLocation,
} from '../../src/components/index.js';

describe('controllable props', () => {
  it('pair each value with its default and its change callback', () => {
    expectTypeOf<RepositoryBrowserProps['location']>().toEqualTypeOf<
      RepositoryLocation | undefined
    >();
    expectTypeOf<RepositoryBrowserProps['defaultLocation']>().toEqualTypeOf<
      RepositoryLocation | undefined
    >();
    expectTypeOf<RepositoryBrowserProps['onLocationChange']>().toEqualTypeOf<
      ((location: RepositoryLocation) => void) | undefined
    >();
    expectTypeOf<BranchComboboxProps['open']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<BranchComboboxProps['onOpenChange']>().toEqualTypeOf<
      ((open: boolean) => void) | undefined
    >();
    expectTypeOf<DiffViewProps['viewed']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<DiffViewProps['onViewedChange']>().toEqualTypeOf<
      ((viewed: readonly string[]) => void) | undefined
    >();
    expectTypeOf<DiffViewProps['filter']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DiffViewProps['collapsed']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<DiffViewProps['onCollapsedChange']>().toEqualTypeOf<
      ((collapsed: readonly string[]) => void) | undefined
    >();
    expectTypeOf<DiffViewProps['onFilterChange']>().toEqualTypeOf<
      ((filter: string) => void) | undefined
    >();
    expectTypeOf<FileTreeProps['expanded']>().toEqualTypeOf<ReadonlySet<string> | undefined>();
    expectTypeOf<FileTreeProps['onExpandedChange']>().toEqualTypeOf<
      ((expanded: ReadonlySet<string>) => void) | undefined
    >();
  });
});
