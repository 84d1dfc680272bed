/**
 * The blocks of a configuration that are statements (top level, `declare`
 * bodies at every depth, `foreach` templates) with the custom components and
 * import namespaces visible where each stands. Built from the statement
 * summaries, without a tree.
 */
import type { ConfigFile, Configuration } from '../analysis/configuration';
import { declaresOf, importFilename } from '../analysis/imports';
import type { BlockInfo, StatementSummary } from '../model/types';
import type { RuleContext } from './rule';

export interface StatementScope {
  /** `declare` blocks by label, innermost first wins. */
  declares: ReadonlyMap<string, BlockInfo>;
  /** `import.*` blocks by label: `NAMESPACE.component` instances. */
  imports: ReadonlyMap<string, BlockInfo>;
}

export interface StatementBlock {
  file: ConfigFile;
  statement: StatementSummary;
  block: BlockInfo;
  scope: StatementScope;
  /** The `declare` blocks around it, outermost first (empty at the top level). */
  within: readonly BlockInfo[];
}

function scopeOf(blocks: readonly BlockInfo[], parent?: StatementScope): StatementScope {
  const declares = new Map(parent?.declares ?? []);
  const imports = new Map(parent?.imports ?? []);
  for (const b of blocks) {
    if (b.label === undefined) continue;
    if (b.name === 'declare') declares.set(b.label, b);
    else if (b.name.startsWith('import.')) imports.set(b.label, b);
  }
  return { declares, imports };
}

const cache = new WeakMap<Configuration, StatementBlock[]>();
const NONE: readonly BlockInfo[] = [];

/**
 * The top-level scope last built, with the top-level `declare` and `import.*` blocks it was built from
 * (a block's name and label are fixed once it is summarised): while they stay the same objects (an edit
 * elsewhere), the same scope object is used again, and with it each unchanged statement's entries.
 */
let lastTop: { blocks: BlockInfo[]; scope: StatementScope } | undefined;

function topScope(config: Configuration): StatementScope {
  const blocks: BlockInfo[] = [];
  for (const file of config.files) {
    for (const s of file.statements) {
      const b = s.block;
      if (b && b.label !== undefined && (b.name === 'declare' || b.name.startsWith('import.'))) blocks.push(b);
    }
  }
  const last = lastTop;
  if (last && last.blocks.length === blocks.length && last.blocks.every((b, i) => b === blocks[i])) return last.scope;
  const scope = scopeOf(blocks);
  lastTop = { blocks, scope };
  return scope;
}

/** Per top-level statement (a summary's block is fixed once built): its entries, valid for that file and top-level scope. */
const perStatement = new WeakMap<
  StatementSummary,
  { file: ConfigFile; top: StatementScope; entries: StatementBlock[] }
>();

function entriesOf(
  file: ConfigFile,
  statement: StatementSummary,
  block: BlockInfo,
  top: StatementScope,
): StatementBlock[] {
  const known = perStatement.get(statement);
  if (known && known.file === file && known.top === top) return known.entries;
  const out: StatementBlock[] = [];
  if (block.name !== 'declare' && block.name !== 'foreach') {
    out.push({ file, statement, block, scope: top, within: NONE });
  } else {
    const stack: { block: BlockInfo; scope: StatementScope; within: readonly BlockInfo[] }[] = [
      { block, scope: top, within: NONE },
    ];
    while (stack.length > 0) {
      const { block, scope, within } = stack.pop()!;
      out.push({ file, statement, block, scope, within });
      if (block.name === 'declare') {
        const inner = scopeOf(block.blocks, scope);
        const innerWithin = [...within, block];
        for (let i = block.blocks.length - 1; i >= 0; i--)
          stack.push({ block: block.blocks[i], scope: inner, within: innerWithin });
      } else if (block.name === 'foreach') {
        for (const template of block.blocks.filter((b) => b.name === 'template')) {
          const inner = scopeOf(template.blocks, scope);
          for (let i = template.blocks.length - 1; i >= 0; i--)
            stack.push({ block: template.blocks[i], scope: inner, within });
        }
      }
    }
  }
  perStatement.set(statement, { file, top, entries: out });
  return out;
}

/** Every statement block of the configuration, in file order. */
export function statementBlocks(config: Configuration): readonly StatementBlock[] {
  const cached = cache.get(config);
  if (cached) return cached;
  const top = topScope(config);
  const out: StatementBlock[] = [];
  for (const file of config.files) {
    for (const statement of file.statements) {
      if (statement.block) for (const e of entriesOf(file, statement, statement.block, top)) out.push(e);
    }
  }
  cache.set(config, out);
  return out;
}

/** The `argument` blocks of a declare: label, whether `optional = true`, and the block. */
export function declaredArguments(declare: BlockInfo): { name: string; optional: boolean; block: BlockInfo }[] {
  const out: { name: string; optional: boolean; block: BlockInfo }[] = [];
  for (const b of declare.blocks) {
    if (b.name !== 'argument' || b.label === undefined) continue;
    const optional = b.attributes.find((a) => a.name === 'optional');
    // Anything but a literal `false` may be true at run time: treated as optional.
    out.push({ name: b.label, optional: optional !== undefined && optional.value.kind !== 'false', block: b });
  }
  return out;
}

export interface ImportedComponent {
  /** The namespace (the import's label) and the component's name in it. */
  namespace: string;
  name: string;
  filename: string;
  /** The imported `declare` of that name, if the imported files have one. */
  declare?: BlockInfo;
  /** The names of the imported files' top-level `declare` blocks. */
  names: string[];
}

/**
 * For an instance `NAMESPACE.name "x"` of a local `import.file` whose files could be read: the imported
 * `declare "name"` (or the names there are, when there is none). Undefined for anything else, and when the
 * import names nothing readable or is not a literal path (then nothing can be said about the instance).
 */
export function importedComponent(s: StatementBlock, context: RuleContext): ImportedComponent | undefined {
  const name = s.block.name;
  const dot = name.indexOf('.');
  if (dot <= 0 || !context.imports) return undefined;
  const namespace = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  if (rest.includes('.')) return undefined;
  const block = s.scope.imports.get(namespace);
  const filename = block && importFilename(block);
  if (filename === undefined) return undefined;
  const files = context.imports.files(s.file.uri, filename);
  if (files.length === 0) return undefined;
  const declares = declaresOf(files);
  return { namespace, name: rest, filename, declare: declares.get(rest), names: [...declares.keys()] };
}
