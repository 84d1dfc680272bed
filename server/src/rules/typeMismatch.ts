import type { ValueInfo } from '../model/types';
import { cachedPerUnit, schemaBlocks } from './schemaFacts';
import type { LocalFinding, RuleContext, StatementRule } from './rule';

/** A catalog type as far as literals are concerned. */
type Shape =
  | { kind: 'string' | 'bool' | 'number' | 'duration' | 'secret' | 'capsule' | 'any' }
  | { kind: 'list' | 'map'; element: Shape };

const shapeCache = new Map<string, Shape | null>();

/** `list(map(string))` -> list of map of string; undefined for a spelling it does not know. */
export function shapeOf(type: string): Shape | undefined {
  const cached = shapeCache.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const shape = parseShape(type.trim());
  shapeCache.set(type, shape ?? null);
  return shape;
}

function parseShape(t: string): Shape | undefined {
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'bool':
      return { kind: 'bool' };
    case 'number':
    case 'int':
    case 'uint':
    case 'float':
      return { kind: 'number' };
    case 'duration':
      return { kind: 'duration' };
    case 'secret':
    case 'secret | string':
    case 'string | secret':
      return { kind: 'secret' };
    case 'any':
      return { kind: 'any' };
    case 'object':
      return { kind: 'map', element: { kind: 'any' } };
  }
  const inner = /^(list|map)\((.*)\)$/.exec(t);
  if (inner) {
    const element = parseShape(inner[2].trim());
    return element ? { kind: inner[1] as 'list' | 'map', element } : undefined;
  }
  // Capsules: the connection types (MetricsReceiver, otelcol.Consumer, RelabelRules, capsule(...)).
  if (/^capsule\(.*\)$/.test(t) || /^([a-z]+\.)?[A-Z][A-Za-z]*$/.test(t)) return { kind: 'capsule' };
  return undefined;
}

const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

const describe = (v: ValueInfo): string =>
  ({
    string: 'a string',
    raw_string: 'a string',
    number: 'a number',
    float: 'a number',
    true: 'a bool',
    false: 'a bool',
    array: 'a list',
    object: 'an object',
  })[v.kind as 'string'] ?? 'a value';

const NOUN: Record<Shape['kind'], string> = {
  string: 'a string',
  bool: 'a bool',
  number: 'a number',
  duration: 'a duration',
  secret: 'a secret',
  capsule: 'a component export',
  any: 'any value',
  list: 'a list',
  map: 'an object',
};

/**
 * Why a literal does not convert to the shape under Alloy's rules (a number
 * and a string convert into each other when the text parses; nothing
 * converts to or from bool; lists and objects by shape), else undefined.
 * Expressions, references and calls are not judged here.
 */
export function mismatch(v: ValueInfo, shape: Shape): string | undefined {
  if (shape.kind === 'any') return undefined;
  switch (v.kind) {
    case 'string':
    case 'raw_string': {
      const text = v.text ?? '';
      if (shape.kind === 'string' || shape.kind === 'secret') return undefined;
      if (shape.kind === 'number')
        return NUMBER_TEXT.test(text.trim()) ? undefined : `"${text}" does not convert to a number`;
      if (shape.kind === 'duration')
        return GO_DURATION.test(text) ? undefined : `"${text}" is not a duration (such as "30s", "1m30s", "1h")`;
      return `${describe(v)} is not ${NOUN[shape.kind]}`;
    }
    case 'number':
    case 'float':
      if (shape.kind === 'number' || shape.kind === 'string' || shape.kind === 'secret' || shape.kind === 'duration')
        return undefined;
      return `${describe(v)} is not ${NOUN[shape.kind]}`;
    case 'true':
    case 'false':
      return shape.kind === 'bool' ? undefined : `${v.kind} is not ${NOUN[shape.kind]} (nothing converts from bool)`;
    case 'array':
      if (shape.kind === 'list') {
        for (const e of v.elements ?? []) {
          const why = mismatch(e, shape.element);
          if (why) return `an element is wrong: ${why}`;
        }
        return undefined;
      }
      return `${describe(v)} is not ${NOUN[shape.kind]}`;
    case 'object':
      if (shape.kind === 'map') {
        for (const f of v.fields ?? []) {
          const why = mismatch(f.value, shape.element);
          if (why) return `field '${f.key}' is wrong: ${why}`;
        }
        return undefined;
      }
      if (shape.kind === 'capsule') return undefined;
      return `${describe(v)} is not ${NOUN[shape.kind]}`;
    default:
      return undefined;
  }
}

/**
 * Whether a value of shape `from` (an export's type) can be given where `to` is
 * expected: numbers and strings convert into each other, a string is a
 * secret, lists and objects by their elements; capsules, `any` and durations
 * (a string export may hold one) are not judged here.
 */
function incompatible(from: Shape, to: Shape): boolean {
  if (from.kind === 'any' || to.kind === 'any' || from.kind === 'capsule' || to.kind === 'capsule') return false;
  if (to.kind === 'duration' || from.kind === 'duration') return false;
  const scalar = (k: Shape['kind']) => (k === 'number' || k === 'string' ? 'text' : k);
  if (to.kind === 'secret') return from.kind === 'bool' || from.kind === 'list' || from.kind === 'map';
  if (from.kind === 'secret') return true; // nothing turns a secret back into a plain value
  if (from.kind === 'list' && to.kind === 'list') return incompatible(from.element, to.element);
  if (from.kind === 'map' && to.kind === 'map') return incompatible(from.element, to.element);
  return scalar(from.kind) !== scalar(to.kind);
}

/** The catalog type of the export a reference reads (`discovery.kubernetes.pods.targets`), when it is one. */
function exportType(view: RuleContext['catalog'], path: readonly string[]): string | undefined {
  // name segments, a label, an export: the longest component name that leaves both wins.
  for (let k = path.length - 2; k >= 1; k--) {
    const name = path.slice(0, k).join('.');
    if (!view.getComponent(name)) continue;
    // A field of the export (`.content.foo`) is not the export itself.
    return path.length === k + 2 ? view.getExport(name, path[k + 1])?.type : undefined;
  }
  return undefined;
}

/** Why a reference's export cannot be given where `shape` is expected, else undefined. */
function referenceMismatch(view: RuleContext['catalog'], v: ValueInfo, shape: Shape): string | undefined {
  if (v.kind !== 'reference' || !v.text) return undefined;
  const type = exportType(view, v.text.split('.'));
  // `secret | string` (local.file's content) depends on the component's arguments: not judged.
  const from = type === undefined || type.includes('|') ? undefined : shapeOf(type);
  if (!from || !incompatible(from, shape)) return undefined;
  return `${v.text} is ${type}`;
}

/** A literal that Alloy cannot convert to the argument's type. */
export const typeMismatch: StatementRule = {
  code: 'type-mismatch',
  kind: 'statement',
  check(statement, file, context) {
    if (!statement.block || statement.syntax.length > 0) return [];
    return cachedPerUnit('type-mismatch', file, statement, context, (unit) => {
      const out: LocalFinding[] = [];
      for (const { block, schema } of schemaBlocks(context.catalog, unit)) {
        for (const a of block.attributes) {
          const spec = schema.arguments.find((x) => x.name === a.name);
          if (!spec) continue;
          const shape = shapeOf(spec.type);
          if (!shape) continue;
          let why = mismatch(a.value, shape) ?? referenceMismatch(context.catalog, a.value, shape);
          if (!why && a.value.kind === 'array' && shape.kind === 'list') {
            for (const e of a.value.elements ?? []) {
              const inner = referenceMismatch(context.catalog, e, shape.element);
              if (inner) {
                why = `an element is wrong: ${inner}`;
                break;
              }
            }
          }
          if (!why) continue;
          out.push({
            span: a.value.span,
            message: `'${a.name}' of ${schema.title} takes ${spec.type}: ${why}`,
            data: { name: a.name, type: spec.type },
          });
        }
      }
      return out;
    });
  },
};
