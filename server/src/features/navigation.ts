/**
 * Go to definition, find references, document highlights and rename, as pure
 * functions over a configuration's navigation index. Offsets are UTF-16 code
 * units; the protocol layer converts them.
 */
import type { ConfigFile } from '../analysis/configuration';
import { componentNamespaces } from '../analysis/facts';
import { importFilename, type ImportLoader } from '../analysis/imports';
import type { Span } from '../model/types';
import { type NavIndex, type NavSymbol, type Occurrence, segmentSpans } from './symbols';

export interface FileSpan {
  uri: string;
  span: Span;
}

/** A place to jump to: the target's range, and the part of it to select (its name). */
export interface DefinitionTarget {
  uri: string;
  /** The whole block. */
  span: Span;
  /** The block's header (name and label). */
  selection: Span;
  /** Where the jump starts from: the span of the mention under the cursor. */
  origin?: FileSpan;
}

export type { ImportLoader };

function target(symbol: NavSymbol, origin?: Occurrence): DefinitionTarget {
  return {
    uri: symbol.uri,
    span: symbol.span,
    selection: symbol.header,
    origin: origin && { uri: origin.uri, span: origin.span },
  };
}

/** The top-level `declare "name"` blocks of imported files. */
function importedDeclares(files: ConfigFile[], name: string): DefinitionTarget[] {
  const out: DefinitionTarget[] = [];
  for (const file of files) {
    for (const s of file.statements) {
      const b = s.block;
      if (b?.name !== 'declare' || b.label !== name || !b.labelSpan) continue;
      out.push({
        uri: file.uri,
        span: { start: s.start + b.span.start, end: s.start + b.span.end },
        selection: { start: s.start + b.nameSpan.start, end: s.start + b.labelSpan.end },
      });
    }
  }
  return out;
}

/** Where the thing under `offset` is defined. */
export function definition(index: NavIndex, uri: string, offset: number, load?: ImportLoader): DefinitionTarget[] {
  const file = index.file(uri);
  if (!file) return [];
  const occ = index.at(uri, offset);
  if (!occ) return importedAt(index, file, offset, load) ?? [];
  const symbol = occ.symbol;
  // On the import block's own label or filename: the imported file.
  if (symbol.kind === 'import' && occ.declaration && load) {
    const filename = importFilename(symbol.block);
    const files = filename !== undefined ? load(uri, filename) : [];
    if (files.length > 0) {
      return files.map((f) => ({ uri: f.uri, span: { start: 0, end: 0 }, selection: { start: 0, end: 0 } }));
    }
  }
  return [target(symbol, occ)];
}

/** How long a namespace's name may be for the segment after it to be found. */
const IMPORT_WINDOW = 4096;

/**
 * A position that no occurrence covers but that names something in an imported file: the second
 * segment of `lib.mymod "x"`, or the `filename` of an `import.file` block.
 */
function importedAt(
  index: NavIndex,
  file: ConfigFile,
  offset: number,
  load: ImportLoader | undefined,
): DefinitionTarget[] | undefined {
  if (!load) return undefined;
  for (const symbol of index.symbolsIn(file.uri)) {
    if (symbol.kind !== 'import') continue;
    const attr = symbol.block.attributes.find((a) => a.name === 'filename');
    if (!attr) continue;
    const base = symbol.statement.start;
    if (offset >= attr.value.span.start + base && offset <= attr.value.span.end + base) {
      const filename = importFilename(symbol.block);
      const files = filename !== undefined ? load(file.uri, filename) : [];
      return files.map((f) => ({ uri: f.uri, span: { start: 0, end: 0 }, selection: { start: 0, end: 0 } }));
    }
  }
  // The segment after an imported namespace: `mymod` in `lib.mymod "x"`.
  let occ: Occurrence | undefined;
  // Namespaces are identifiers: one that ends within 256 characters before the offset starts a little before.
  for (const o of index.occurrencesBetween(file.uri, offset - 256 - IMPORT_WINDOW, offset)) {
    if (o.symbol.kind === 'import' && !o.declaration && offset - o.span.end <= 256) occ = o;
  }
  if (!occ) return undefined;
  const second = segmentSpans(file.text, { start: occ.span.start, end: Math.min(file.text.length, offset + 256) })[1];
  if (!second || offset < second.start || offset > second.end) return undefined;
  if (!/^\s*\.\s*$/.test(file.text.slice(occ.span.end, second.start))) return undefined;
  const filename = importFilename(occ.symbol.block);
  if (filename === undefined) return undefined;
  const name = file.text.slice(second.start, second.end);
  const found = importedDeclares(load(file.uri, filename), name);
  return found.length > 0 ? found : undefined;
}

/** Every mention of the symbol under `offset` (its definition too when `includeDeclaration`). */
export function references(index: NavIndex, uri: string, offset: number, includeDeclaration: boolean): FileSpan[] {
  const occ = index.at(uri, offset);
  if (!occ) return [];
  return index
    .occurrencesOf(occ.symbol)
    .filter((o) => !o.renameOnly && (includeDeclaration || !o.declaration))
    .map((o) => ({ uri: o.uri, span: o.span }));
}

export interface Highlight {
  span: Span;
  /** The definition (written) or a use (read). */
  write: boolean;
}

/** The mentions, in this file, of the symbol under `offset`. */
export function highlights(index: NavIndex, uri: string, offset: number): Highlight[] {
  const occ = index.at(uri, offset);
  if (!occ) return [];
  return index
    .occurrencesOf(occ.symbol)
    .filter((o) => o.uri === uri && !o.renameOnly)
    .map((o) => ({ span: o.span, write: o.declaration }));
}

export type RenameCheck =
  { ok: true; span: Span; placeholder: string; symbol: NavSymbol } | { ok: false; message: string };

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const KEYWORDS = new Set(['true', 'false', 'null']);
const WHAT: Record<NavSymbol['kind'], string> = {
  component: 'component label',
  declare: 'custom component name',
  argument: 'argument name',
  import: 'import namespace',
  variable: 'foreach variable',
};

/** What a rename at `offset` would rewrite, or why nothing there can be renamed. */
export function prepareRename(index: NavIndex, uri: string, offset: number): RenameCheck {
  const occ = index.at(uri, offset, true);
  if (!occ) {
    return {
      ok: false,
      message:
        'Only component labels, custom component (declare) names, argument names, import namespaces and foreach variables can be renamed.',
    };
  }
  const file = index.file(occ.uri)!;
  return {
    ok: true,
    span: occ.renameSpan,
    placeholder: file.text.slice(occ.renameSpan.start, occ.renameSpan.end),
    symbol: occ.symbol,
  };
}

export interface TextEditSpan {
  uri: string;
  span: Span;
  text: string;
}

export type RenameResult = { ok: true; edits: TextEditSpan[] } | { ok: false; message: string };

/** Why `newName` cannot be the new name of `symbol`, or undefined when it can. */
export function renameProblem(symbol: NavSymbol, newName: string): string | undefined {
  const what = WHAT[symbol.kind];
  if (!IDENTIFIER.test(newName) || KEYWORDS.has(newName)) {
    return `'${newName}' is not a valid ${what}: use a letter or '_' followed by letters, digits or '_' (not true, false or null).`;
  }
  if (newName === symbol.name) return undefined;
  const scope = symbol.scope;
  switch (symbol.kind) {
    case 'component':
      if (scope.components.has(`${symbol.blockName}.${newName}`)) {
        return `There is already a ${symbol.blockName} "${newName}" here.`;
      }
      break;
    case 'argument':
      if (scope.arguments.has(newName)) return `There is already an argument "${newName}" here.`;
      break;
    case 'variable':
      if (scope.variables.has(newName)) return `There is already a foreach variable "${newName}" here.`;
      break;
    case 'declare':
    case 'import':
      if (scope.declares.has(newName)) return `There is already a custom component "${newName}" (declare) here.`;
      if (scope.imports.has(newName)) return `There is already an import namespace "${newName}" here.`;
      if (componentNamespaces().has(newName)) {
        return `'${newName}' is a namespace of Alloy's built-in components; pick another name.`;
      }
      break;
  }
  return undefined;
}

/** The edits that rename the symbol under `offset` to `newName`, across every file of the configuration. */
export function rename(index: NavIndex, uri: string, offset: number, newName: string): RenameResult {
  const check = prepareRename(index, uri, offset);
  if (!check.ok) return check;
  const problem = renameProblem(check.symbol, newName);
  if (problem) return { ok: false, message: problem };
  const edits: TextEditSpan[] = [];
  const seen = new Set<string>();
  const occurrences = index.occurrencesOf(check.symbol);
  if (check.symbol.kind === 'variable') {
    // A use inside a nested template whose own variable is already called `newName` would then mean that one.
    const captured = occurrences.find((o) => !o.declaration && index.scopeAt(o.uri, o.span.start).variable(newName));
    if (captured) return { ok: false, message: `A foreach variable "${newName}" of a nested template would hide it.` };
  }
  for (const o of occurrences) {
    const key = `${o.uri}#${o.renameSpan.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push({ uri: o.uri, span: o.renameSpan, text: newName });
  }
  edits.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
  return { ok: true, edits };
}
