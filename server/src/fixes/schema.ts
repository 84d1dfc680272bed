/**
 * Quick fixes of the schema rules: a misspelt component, argument or block
 * name replaced by the nearest known one, and a missing required argument or
 * block inserted with a placeholder of its type, laid out like `alloy fmt`.
 */
import { catalog, type ArgumentSpec, type BlockSpec } from '../knowledge';
import type { BlockInfo } from '../model/types';
import { correctionOf } from '../knowledge/corrections';
import type { Fix, FixTarget } from './actions';
import type { FixContext } from './context';
import { statementAt } from './context';
import { insertStatements } from './edits';
import { blockEdit } from './layout';

/**
 * Codes whose fixes guess (the nearest name, a placeholder value): the editor
 * offers them, `alloy-analyzer fix` applies them only when `--only` names them.
 */
export const GUESSED_FIXES: ReadonlySet<string> = new Set([
  'unknown-component',
  'unknown-attribute',
  'unknown-block',
  'unknown-function',
  'missing-required',
]);

/** Rename the name under the diagnostic to each suggestion; the first is preferred. */
function renameFixes(target: FixTarget, ctx: FixContext, what: string): Fix[] {
  const { name, suggestions } = target.data ?? {};
  if (typeof name !== 'string' || !Array.isArray(suggestions)) return [];
  const current = ctx.file.text.slice(target.span.start, target.span.end);
  if (current.replace(/\s+/g, '') !== name) return [];
  return suggestions
    .filter((s): s is string => typeof s === 'string')
    .map((s, i) => ({
      title: `Change ${what} '${name}' to '${s}'`,
      isPreferred: i === 0,
      edits: [{ uri: target.uri, start: target.span.start, end: target.span.end, text: s }],
    }));
}

/** A value of the type for Alloy to accept the file, for the user to replace. */
export function placeholder(type: string): string | undefined {
  if (type === 'bool') return 'false';
  if (['number', 'int', 'uint', 'float'].includes(type)) return '0';
  if (type === 'duration') return '"1m"';
  if (type === 'string' || type === 'secret' || type.includes('secret | string')) return '""';
  if (type.startsWith('list(')) return '[]';
  if (type.startsWith('map(') || type === 'object') return '{}';
  return undefined; // a capsule (a component export): no literal stands for it
}

/** The text of a required block with its own required arguments and blocks. */
function blockText(spec: BlockSpec, owner: string, path: readonly string[], depth: number): string | undefined {
  const correction = correctionOf(owner, path);
  const notRequired = new Set(correction?.notRequired ?? []);
  const lines: string[] = [];
  for (const a of spec.arguments) {
    if (!a.required || a.conditional || notRequired.has(a.name)) continue;
    const value = placeholder(a.type);
    if (value === undefined) return undefined;
    lines.push(`${a.name} = ${value}`);
  }
  if (depth < 8) {
    for (const b of spec.blocks) {
      if (!b.required || notRequired.has(b.name)) continue;
      const inner = blockText(b, owner, [...path, b.name], depth + 1);
      if (inner === undefined) return undefined;
      lines.push(inner);
    }
  }
  return lines.length === 0 ? `${spec.name} { }` : `${spec.name} {\n${lines.join('\n')}\n}`;
}

/** The block whose name the diagnostic is on. */
function blockAt(top: BlockInfo, base: number, start: number): BlockInfo | undefined {
  const stack = [top];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (base + b.nameSpan.start === start) return b;
    stack.push(...b.blocks);
  }
  return undefined;
}

function missingRequiredFixes(target: FixTarget, ctx: FixContext, version: string): Fix[] {
  const { owner, path, kind, name, custom } = target.data ?? {};
  if (typeof name !== 'string' || (kind !== 'argument' && kind !== 'block')) return [];
  const statement = statementAt(ctx, target.span.start);
  if (!statement?.block || statement.syntax.length > 0) return [];
  const block = blockAt(statement.block, statement.start, target.span.start);
  if (!block) return [];
  let text: string | undefined;
  if (custom === true) {
    text = `${name} = null`;
  } else {
    if (typeof owner !== 'string' || !Array.isArray(path)) return [];
    const view = catalog.at(version);
    const p = path as string[];
    if (kind === 'argument') {
      const spec: ArgumentSpec | undefined = view.getArgument(owner, p, name);
      const value = spec ? placeholder(spec.type) : undefined;
      if (value === undefined) return [];
      text = `${name} = ${value}`;
    } else {
      const spec = view.getBlock(owner, [...p, name]);
      text = spec ? blockText(spec, owner, [...p, name], 0) : undefined;
    }
  }
  if (text === undefined) return [];
  const inserts = insertStatements(
    ctx.file.text,
    statement.start,
    block,
    kind === 'argument' ? [text] : [],
    kind === 'block' ? [text] : [],
  );
  const edit = blockEdit(ctx.language, ctx.file, statement, inserts, true);
  if (!edit) return [];
  return [{ title: `Add the required ${kind} '${name}'`, isPreferred: true, edits: [edit] }];
}

/** Fixes of the schema rules, or undefined when the code is not one of theirs. */
export function schemaFixes(target: FixTarget, ctx: FixContext, version: string): Fix[] | undefined {
  switch (target.code) {
    case 'unknown-component':
      return renameFixes(target, ctx, 'component');
    case 'unknown-attribute':
      return renameFixes(target, ctx, 'argument');
    case 'unknown-block':
      return renameFixes(target, ctx, 'block');
    case 'unknown-function':
      return renameFixes(target, ctx, 'function');
    case 'missing-required':
      return missingRequiredFixes(target, ctx, version);
    default:
      return undefined;
  }
}
