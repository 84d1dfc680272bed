/** Unified diffs of what `fmt --diff` and `fix --diff` would change, as `diff -u` and `git diff` print them. */
import { createTwoFilesPatch } from 'diff';

/** The unified diff of a file's text before and after; empty when nothing changes. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const name = file.split('\\').join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(
    /^=+\n/,
    '',
  );
}
