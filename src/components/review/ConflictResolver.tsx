/**
 * Conflicted files resolved in place: per file, each conflict hunk shows the target's and the
 * source's lines (the common ancestor's on request) and takes one side, both, or text the user
 * writes; binary, too-large and modify/delete conflicts take one side whole. Below, the file as
 * it will be committed, with git's conflict markers where a hunk is still open. Presentational:
 * the choices are the caller's (`MergePanel` keeps them by each conflict's blobs).
 */
import { type ReactElement, useId } from 'react';
import { cx } from '../shared/cx.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import {
  type ConflictHunk,
  type ConflictShape,
  chosenLines,
  conflictKey,
  conflictShape,
  type FileChoices,
  type HunkChoice,
  type MergeConflict,
  progress,
  resultText,
  type WholeChoice,
} from './conflict-model.js';
import { reviewLabels } from './labels.js';

export interface ConflictResolverProps {
  conflicts: readonly MergeConflict[];
  /** The branches, as the sides are named to the user. */
  names: { target: string; source: string };
  /** Choices made so far, by `conflictKey(conflict)`. */
  choices: ReadonlyMap<string, FileChoices>;
  onChoicesChange: (key: string, choices: FileChoices) => void;
  disabled?: boolean;
  locale?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

type Labels = ReturnType<typeof useFamilyLabels<typeof reviewLabels>>;

export function ConflictResolver(props: ConflictResolverProps): ReactElement {
  const labels = useFamilyLabels(reviewLabels, props.labels);
  const locale = useLocale(props.locale);
  return (
    <div className={cx('gsk-conflicts', props.className)}>
      {props.conflicts.map((conflict) => {
        const key = conflictKey(conflict);
        return (
          <ConflictFile
            key={key}
            conflict={conflict}
            names={props.names}
            choices={props.choices.get(key)}
            onChange={(choices) => props.onChoicesChange(key, choices)}
            disabled={!!props.disabled}
            labels={labels}
            locale={locale}
          />
        );
      })}
    </div>
  );
}

function ConflictFile(props: {
  conflict: MergeConflict;
  names: { target: string; source: string };
  choices: FileChoices | undefined;
  onChange: (choices: FileChoices) => void;
  disabled: boolean;
  labels: Labels;
  locale: string | undefined;
}) {
  const { conflict, labels, names, locale } = props;
  const shape = conflictShape(conflict);
  const done = progress(shape, props.choices);
  const headingId = useId();
  const n = (value: number) => formatNumber(value, locale);
  const hunks = props.choices?.hunks ?? new Map<number, HunkChoice>();
  const setHunk = (index: number, choice: HunkChoice) =>
    props.onChange({ hunks: new Map(hunks).set(index, choice) });
  return (
    <section className="gsk-conflict-file" aria-labelledby={headingId}>
      <h3 id={headingId} className="gsk-conflict-file__heading">
        {labels.conflictFile(conflict.path, n(done.resolved), n(done.total))}
      </h3>
      {shape.kind === 'whole' ? (
        <WholeFile
          shape={shape}
          names={names}
          value={props.choices?.whole}
          onChange={(whole) => props.onChange({ hunks: new Map(), whole })}
          disabled={props.disabled}
          labels={labels}
        />
      ) : (
        <>
          {shape.regions.map((region) =>
            region.kind === 'same' ? (
              <SameLines
                key={`s${region.lines.length}-${region.lines[0]}`}
                lines={region.lines}
                labels={labels}
                locale={locale}
              />
            ) : (
              <Hunk
                key={`h${region.hunk.index}`}
                hunk={region.hunk}
                total={shape.hunks}
                names={names}
                choice={hunks.get(region.hunk.index)}
                onChoose={(choice) => setHunk(region.hunk.index, choice)}
                disabled={props.disabled}
                labels={labels}
                locale={locale}
              />
            ),
          )}
          <Result shape={shape} choices={props.choices} names={names} labels={labels} />
        </>
      )}
    </section>
  );
}

/** Unchanged lines between hunks: a few shown, more behind a disclosure. */
function SameLines(props: {
  lines: readonly string[];
  labels: Labels;
  locale: string | undefined;
}) {
  const { lines } = props;
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) return null;
  const text = lines.join('\n');
  if (lines.length <= 3) return <pre className="gsk-conflict__same">{text}</pre>;
  return (
    <details className="gsk-conflict__fold">
      <summary>{props.labels.unchangedLines(formatNumber(lines.length, props.locale))}</summary>
      <pre className="gsk-conflict__same">{text}</pre>
    </details>
  );
}

function Hunk(props: {
  hunk: ConflictHunk;
  total: number;
  names: { target: string; source: string };
  choice: HunkChoice | undefined;
  onChoose: (choice: HunkChoice) => void;
  disabled: boolean;
  labels: Labels;
  locale: string | undefined;
}) {
  const { hunk, names, labels, choice } = props;
  const options: { value: string; label: string; choice: () => HunkChoice }[] = [
    { value: 'target', label: labels.keepSide(names.target), choice: () => ({ kind: 'target' }) },
    { value: 'source', label: labels.keepSide(names.source), choice: () => ({ kind: 'source' }) },
    {
      value: 'both',
      label: labels.keepBoth(names.target, names.source),
      choice: () => ({ kind: 'both', first: 'target' }),
    },
    {
      value: 'edit',
      label: labels.editResult,
      // Editing starts from what is chosen, or from both sides.
      choice: () => ({
        kind: 'edit',
        text: chosenLines(hunk, choice ?? { kind: 'both', first: 'target' }).join('\n'),
      }),
    },
  ];
  return (
    <fieldset
      className={cx('gsk-conflict', choice && 'gsk-conflict--resolved')}
      disabled={props.disabled}
    >
      <legend className="gsk-conflict__legend">
        {labels.conflictHunk(
          formatNumber(hunk.index + 1, props.locale),
          formatNumber(props.total, props.locale),
        )}
      </legend>
      <div className="gsk-conflict__sides">
        <figure className="gsk-conflict__side gsk-conflict__side--target">
          <figcaption>{names.target}</figcaption>
          <pre>{hunk.target.join('\n')}</pre>
        </figure>
        <figure className="gsk-conflict__side gsk-conflict__side--source">
          <figcaption>{names.source}</figcaption>
          <pre>{hunk.source.join('\n')}</pre>
        </figure>
      </div>
      {hunk.base.length > 0 && (
        <details className="gsk-conflict__fold">
          <summary>{labels.baseVersion}</summary>
          <pre className="gsk-conflict__same">{hunk.base.join('\n')}</pre>
        </details>
      )}
      <ChoiceList
        options={options}
        value={choice?.kind}
        onChange={(value) =>
          props.onChoose(
            (options.find((o) => o.value === value) as (typeof options)[number]).choice(),
          )
        }
      />
      {choice?.kind === 'edit' && (
        <label className="gsk-conflict__edit">
          {labels.editedResult}
          <textarea
            className="gsk-input"
            rows={Math.min(12, Math.max(3, choice.text.split('\n').length + 1))}
            value={choice.text}
            spellCheck={false}
            onChange={(e) => props.onChoose({ kind: 'edit', text: e.target.value })}
          />
        </label>
      )}
    </fieldset>
  );
}

function WholeFile(props: {
  shape: Extract<ConflictShape, { kind: 'whole' }>;
  names: { target: string; source: string };
  value: WholeChoice | undefined;
  onChange: (choice: WholeChoice) => void;
  disabled: boolean;
  labels: Labels;
}) {
  const { shape, names, labels } = props;
  const why =
    shape.why === 'binary'
      ? labels.binaryConflict
      : shape.why === 'too-large'
        ? labels.tooLargeConflict
        : labels.deleteConflict;
  // One radio per side; the side without the file stands for deleting it.
  const options: { value: 'target' | 'source'; label: string }[] = [
    {
      value: 'target',
      label: shape.target ? labels.keepSide(names.target) : labels.deletedOn(names.target),
    },
    {
      value: 'source',
      label: shape.source ? labels.keepSide(names.source) : labels.deletedOn(names.source),
    },
  ];
  const side = props.value === 'delete' ? (shape.target ? 'source' : 'target') : props.value;
  return (
    <fieldset
      className={cx('gsk-conflict', props.value && 'gsk-conflict--resolved')}
      disabled={props.disabled}
    >
      <legend className="gsk-conflict__legend">{labels.wholeFile(why)}</legend>
      <ChoiceList
        options={options}
        value={side}
        onChange={(value) =>
          props.onChange((value === 'target' ? shape.target : shape.source) ? value : 'delete')
        }
      />
    </fieldset>
  );
}

function Result(props: {
  shape: Extract<ConflictShape, { kind: 'text' }>;
  choices: FileChoices | undefined;
  names: { target: string; source: string };
  labels: Labels;
}) {
  const { text } = resultText(props.shape, props.choices, props.names);
  return (
    <details className="gsk-conflict__fold gsk-conflict__result">
      <summary>{props.labels.resultPreview}</summary>
      <pre className="gsk-conflict__same">{text}</pre>
    </details>
  );
}

/** A radio group: arrow keys move between the choices (and choose), as native radios do. */
function ChoiceList<T extends string>(props: {
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <div className="gsk-conflict__choices">
      {props.options.map((option) => (
        <label key={option.value} className="gsk-conflict__choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
