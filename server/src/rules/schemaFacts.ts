/**
 * What the schema rules (unknown-component, unknown-attribute, unknown-block,
 * missing-required, type-mismatch, ...) share: which schema a block of a
 * statement is checked against, nearest-name suggestions, and a per-statement
 * cache so that a keystroke re-checks the edited statement only.
 *
 * Where the catalog cannot say (a table the generator could not read,
 * `missing`; a nested block no section documents) the rules say nothing.
 */
import { distance } from 'fastest-levenshtein';
import type { ArgumentSpec, BlockSpec, CatalogView, ReferenceSpec } from '../knowledge';
import { correctionOf } from '../knowledge/corrections';
import { catalog } from '../knowledge';
import type { Configuration } from '../analysis/configuration';
import { absolute, type BlockInfo, type StatementSummary } from '../model/types';
import type { Finding, LocalFinding, RuleContext } from './rule';

/** Blocks whose bodies hold statements (components, ...) rather than arguments of their own. */
export const BODY_OF_STATEMENTS = new Set(['declare']);

/** What a block is checked against: its arguments and nested blocks, and how far the docs list them. */
export interface BlockSchema {
  /** `loki.write`, `loki.write > endpoint`: how messages name the block. */
  title: string;
  owner: string;
  path: readonly string[];
  arguments: readonly ArgumentSpec[];
  blocks: readonly BlockSpec[];
  /** The argument list is complete (a table was read). */
  argumentsKnown: boolean;
  /** The nested block list is complete. */
  blocksKnown: boolean;
  /** Any top-level block of the owner may also be nested here (corrections.ts). */
  nestsOwnerBlocks?: true;
  /** The blocks the docs list for this block itself, when `blocks` also holds the owner's. */
  ownBlocks?: readonly BlockSpec[];
}

/** Applies what server/src/knowledge/corrections.ts knows better than the docs about this block. */
function corrected(schema: BlockSchema, top: BlockSchema | undefined): BlockSchema {
  const c = correctionOf(schema.owner, schema.path);
  if (!c) return schema;
  const notRequired = new Set(c.notRequired ?? []);
  const types = c.types ?? {};
  return {
    ...schema,
    arguments: schema.arguments.map((a) =>
      notRequired.has(a.name) || types[a.name]
        ? { ...a, required: a.required && !notRequired.has(a.name), type: types[a.name] ?? a.type }
        : a,
    ),
    ownBlocks: c.nestsOwnerBlocks ? schema.blocks : undefined,
    blocks: [
      ...schema.blocks.map((b) => (notRequired.has(b.name) ? { ...b, required: false } : b)),
      ...(c.nestsOwnerBlocks && top ? top.blocks.filter((b) => !schema.blocks.some((x) => x.name === b.name)) : []),
    ],
    argumentsKnown: schema.argumentsKnown && !c.incomplete?.includes('arguments'),
    blocksKnown: schema.blocksKnown && !c.incomplete?.includes('blocks'),
    nestsOwnerBlocks: c.nestsOwnerBlocks,
  };
}

/** Schemas are built once per catalog entry (and per parent schema for nested blocks). */
const ownerSchemas = new WeakMap<ReferenceSpec, BlockSchema>();
const nestedSchemas = new WeakMap<BlockSchema, WeakMap<BlockSpec, BlockSchema>>();

function ownerSchema(spec: ReferenceSpec): BlockSchema {
  let schema = ownerSchemas.get(spec);
  if (!schema) {
    schema = buildOwnerSchema(spec);
    ownerSchemas.set(spec, schema);
  }
  return schema;
}

function nestedSchema(parent: BlockSchema, spec: BlockSpec, root: BlockSchema): BlockSchema {
  let perParent = nestedSchemas.get(parent);
  if (!perParent) {
    perParent = new WeakMap();
    nestedSchemas.set(parent, perParent);
  }
  let schema = perParent.get(spec);
  if (!schema) {
    schema = buildNestedSchema(parent, spec, root);
    perParent.set(spec, schema);
  }
  return schema;
}

function buildOwnerSchema(spec: ReferenceSpec): BlockSchema {
  const parse = spec.parse;
  return corrected(
    {
      title: spec.name,
      owner: spec.name,
      path: [],
      arguments: spec.arguments,
      blocks: spec.blocks,
      argumentsKnown: parse === undefined || parse.arguments !== 'missing',
      blocksKnown: parse === undefined || parse.blocks !== 'missing',
    },
    undefined,
  );
}

function buildNestedSchema(parent: BlockSchema, spec: BlockSpec, root: BlockSchema): BlockSchema {
  // One of the owner's top-level blocks nested where the owner allows it (a stage inside stage.match)
  // keeps its own path.
  const ownerLevel = parent.nestsOwnerBlocks === true && !(parent.ownBlocks ?? []).includes(spec);
  const path = ownerLevel ? [spec.name] : [...parent.path, spec.name];
  return corrected(
    {
      title: `${parent.owner} > ${path.join(' > ')}`,
      owner: parent.owner,
      path,
      arguments: spec.arguments,
      blocks: spec.blocks,
      // A block no section of the page documents: its lists are not known to be complete.
      argumentsKnown: spec.documented,
      blocksKnown: spec.documented || spec.blocks.length > 0,
    },
    root,
  );
}

/** The schema of a top-level (or declare-body) block: a component or a config block of this version. */
export function schemaOf(view: CatalogView, name: string): BlockSchema | undefined {
  if (BODY_OF_STATEMENTS.has(name)) return undefined;
  const spec = view.getComponent(name) ?? view.getConfigBlock(name);
  if (!spec) return undefined;
  // Undocumented config blocks (labelstore): nothing is known about their bodies.
  if ('documented' in spec && spec.documented === false) return undefined;
  return ownerSchema(spec);
}

export interface SchemaVisit {
  block: BlockInfo;
  schema: BlockSchema;
}

/**
 * Every block of a statement with its schema, at every depth, iteratively:
 * the statement's own block, nested blocks the schema knows, the components
 * inside `declare` bodies and `foreach` templates (each against its own
 * schema). Blocks the schema does not know are not descended into.
 */
export function schemaBlocks(view: CatalogView, top: BlockInfo): SchemaVisit[] {
  const out: SchemaVisit[] = [];
  const stack: { block: BlockInfo; schema?: BlockSchema; root?: BlockSchema; statements: boolean }[] = [
    { block: top, schema: schemaOf(view, top.name), statements: BODY_OF_STATEMENTS.has(top.name) },
  ];
  while (stack.length > 0) {
    const { block, schema, root, statements } = stack.pop()!;
    if (statements) {
      // A declare body: each block is a statement of its own.
      for (const inner of block.blocks) {
        stack.push({
          block: inner,
          schema: schemaOf(view, inner.name),
          statements: BODY_OF_STATEMENTS.has(inner.name),
        });
      }
      continue;
    }
    if (!schema) continue;
    out.push({ block, schema });
    const owner = root ?? schema;
    for (const inner of block.blocks) {
      if (schema.owner === 'foreach' && schema.path.length === 0 && inner.name === 'template') {
        stack.push({ block: inner, statements: true });
        continue;
      }
      const spec = schema.blocks.find((b) => b.name === inner.name);
      if (spec) stack.push({ block: inner, schema: nestedSchema(schema, spec, owner), root: owner, statements: false });
    }
  }
  return out;
}

/**
 * Nearest names by edit distance (case-insensitive), closest first: at most
 * `limit`, each within a distance that still reads as a typo of `name`.
 */
export function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const max = Math.max(2, Math.floor(name.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(lower, c.toLowerCase());
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  // Only the closest: a runner-up further away is noise next to an obvious match.
  const best = scored[0]?.d;
  return scored
    .filter((s) => s.d === best)
    .slice(0, limit)
    .map((s) => s.c);
}

/** ", did you mean 'a' or 'b'?" (empty without suggestions). */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `'${s}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `; did you mean ${list}?`;
}

/** "(checking against Alloy v1.18)" for messages that depend on the chosen version. */
export function versionSuffix(context: RuleContext): string {
  return context.version === 'dev'
    ? ' (checking against the development version of Alloy)'
    : ` (checking against Alloy v${context.version})`;
}

/**
 * The blocks of a top-level block that the schema and statement rules judge as statements of their own:
 * the block itself, or, for a `declare`, the statements of its body (through nested `declare`s, at any
 * depth). What `schemaBlocks` visits for the top-level block is exactly what it visits for these.
 */
export function statementUnits(top: BlockInfo): BlockInfo[] {
  if (!BODY_OF_STATEMENTS.has(top.name)) return [top];
  const out: BlockInfo[] = [];
  const stack: BlockInfo[] = [top];
  while (stack.length > 0) {
    const block = stack.pop()!;
    for (const inner of block.blocks) (BODY_OF_STATEMENTS.has(inner.name) ? stack : out).push(inner);
  }
  return out;
}

/** Per rule: the findings of a top-level statement, computed for one Alloy version. */
const statementCaches = new Map<string, WeakMap<StatementSummary, { version: string; findings: LocalFinding[] }>>();

/**
 * Per rule: the findings of one unit (`statementUnits`), relative to the unit's start, with the unit's text
 * they were computed from. A unit's summary survives an edit in another statement of the same `declare`
 * (model/nested.ts moves it, it is not rebuilt); an edit inside it in place (a literal, whitespace) changes
 * its text.
 */
const unitCaches = new Map<string, WeakMap<BlockInfo, { version: string; text: string; findings: LocalFinding[] }>>();

function cacheOf<K extends object, V>(caches: Map<string, WeakMap<K, V>>, code: string): WeakMap<K, V> {
  let cache = caches.get(code);
  if (!cache) {
    cache = new WeakMap();
    caches.set(code, cache);
  }
  return cache;
}

/** A copy of `text` that does not keep the document it was sliced from alive. */
const detached = (text: string): string => (' ' + text).slice(1);

/** Per unit: its text when last seen, one copy shared by every rule's entry. */
const unitTexts = new WeakMap<BlockInfo, string>();

/** The unit's current text, as the same string object while it is unchanged. */
function unitText(unit: BlockInfo, text: string): string {
  const known = unitTexts.get(unit);
  if (known === text) return known;
  const copy = detached(text);
  unitTexts.set(unit, copy);
  return copy;
}

/**
 * Findings of one rule for one top-level statement (offsets relative to it), computed once per statement
 * and version, and for a `declare` once per statement of its body: after a keystroke only the edited
 * statement of a module is checked again. `check` judges one unit, in offsets relative to the top-level
 * statement.
 */
export function cachedPerUnit(
  code: string,
  file: { text: string },
  statement: StatementSummary,
  context: RuleContext,
  check: (unit: BlockInfo) => LocalFinding[],
): LocalFinding[] {
  const top = statement.block;
  if (!top) return [];
  const statements = cacheOf(statementCaches, code);
  const hit = statements.get(statement);
  if (hit && hit.version === context.version) return hit.findings;
  let findings: LocalFinding[];
  if (!BODY_OF_STATEMENTS.has(top.name)) {
    findings = check(top);
  } else {
    const units = cacheOf(unitCaches, code);
    findings = [];
    for (const unit of statementUnits(top)) {
      const text = unitText(unit, file.text.slice(statement.start + unit.span.start, statement.start + unit.span.end));
      let entry = units.get(unit);
      if (!entry || entry.version !== context.version || entry.text !== text) {
        const base = unit.span.start;
        entry = {
          version: context.version,
          text,
          findings: check(unit).map((f) => ({ ...f, span: { start: f.span.start - base, end: f.span.end - base } })),
        };
        units.set(unit, entry);
      }
      for (const f of entry.findings) {
        findings.push({ ...f, span: absolute(f.span, unit.span.start) });
      }
    }
  }
  statements.set(statement, { version: context.version, findings });
  return findings;
}

/**
 * True when releases both older and newer than `version` have the name but
 * `version` does not: more likely a docs table the generator could not read
 * in that release than a name removed and added back, so nothing is said.
 */
export function looksLikeDocsGap(history: ReadonlySet<string>, version: string): boolean {
  const versions = catalog.versions;
  const at = versions.indexOf(version);
  return versions.some((v, i) => i < at && history.has(v)) && versions.some((v, i) => i > at && history.has(v));
}

/**
 * The findings of a schema rule over every block (at every depth) of every top-level statement that parses,
 * each statement's computed once per statement and version (`cachedPerUnit`: for a `declare`, once per statement of its body), in absolute offsets.
 * `check` judges one block against its schema, in offsets relative to the statement.
 */
export function schemaBlockFindings(
  code: Finding['code'],
  config: Configuration,
  context: RuleContext,
  check: (visit: SchemaVisit) => LocalFinding[],
): Finding[] {
  const out: Finding[] = [];
  for (const file of config.files) {
    for (const statement of file.statements) {
      const top = statement.block;
      if (!top || statement.syntax.length > 0) continue;
      const local = cachedPerUnit(code, file, statement, context, (unit) =>
        schemaBlocks(context.catalog, unit).flatMap(check),
      );
      for (const f of local) {
        out.push({ code, uri: file.uri, span: absolute(f.span, statement.start), message: f.message, data: f.data });
      }
    }
  }
  return out;
}
