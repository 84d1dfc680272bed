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

/** Every statement block of the configuration, in file order. */
export function statementBlocks(config: Configuration): readonly StatementBlock[] {
  const cached = cache.get(config);
  if (cached) return cached;
  const tops: BlockInfo[] = [];
  for (const file of config.files) for (const s of file.statements) if (s.block) tops.push(s.block);
  const top = scopeOf(tops);
  const out: StatementBlock[] = [];
  for (const file of config.files) {
    for (const statement of file.statements) {
      if (!statement.block) continue;
      const block = statement.block;
      if (block.name !== 'declare' && block.name !== 'foreach') {
        out.push({ file, statement, block, scope: top, within: NONE });
        continue;
      }
      const stack: { block: BlockInfo; scope: StatementScope; within: BlockInfo[] }[] = [
        { block, scope: top, within: [] },
      ];
      while (stack.length > 0) {
        const { block, scope, within } = stack.pop()!;
        out.push({ file, statement, block, scope, within });
        if (block.name === 'declare') {
          const inner = scopeOf(block.blocks, scope);
          for (let i = block.blocks.length - 1; i >= 0; i--)
            stack.push({ block: block.blocks[i], scope: inner, within: [...within, block] });
        } else if (block.name === 'foreach') {
          for (const template of block.blocks.filter((b) => b.name === 'template')) {
            const inner = scopeOf(template.blocks, scope);
            for (let i = template.blocks.length - 1; i >= 0; i--)
              stack.push({ block: template.blocks[i], scope: inner, within });
          }
        }
      }
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
