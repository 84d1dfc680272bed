// @ts-check
// Normalises the type spellings of the reference docs into one vocabulary:
// Alloy's own names (`string`, `bool`, `number`, `int`, `duration`, `secret`,
// `list(T)`, `map(T)`, `capsule(T)`, `any`, `object`) plus the capsule
// interfaces that connect components (`MetricsReceiver`, `LogsReceiver`,
// `ProfilesReceiver`, `otelcol.Consumer`, `RelabelRules`, ...).

/** Spellings that mean the same scalar or interface type. */
const ALIASES = new Map([
  ['boolean', 'bool'],
  ['integer', 'int'],
  ['Duration', 'duration'],
  ['float64', 'float'],
  ['float32', 'float'],
  ['uint32', 'uint'],
  ['map', 'map(any)'],
  ['array', 'list(any)'],
  ['loki.LogsReceiver', 'LogsReceiver'],
  ['discovery.Target', 'map(string)'],
  ['Target', 'map(string)'],
  // Byte sizes are written as strings ("1MiB").
  ['size', 'string'],
  ['units.Base2Bytes', 'string'],
]);

/**
 * @param {string} raw a Type cell of a docs table
 * @param {string} owner the component or block the table belongs to
 * @returns {string}
 */
export function normalizeType(raw, owner) {
  let t = raw
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim();
  // "string or secret": either is accepted; record both, secret first.
  const alternatives = t.split(/\s+or\s+/).map((part) => normalizeOne(part.trim(), owner));
  if (alternatives.length > 1) {
    t = [...new Set(alternatives)]
      .sort((a, b) => (a === 'secret' ? -1 : b === 'secret' ? 1 : a.localeCompare(b)))
      .join(' | ');
    return t;
  }
  return alternatives[0];
}

/**
 * @param {string} t
 * @param {string} owner
 * @returns {string}
 */
function normalizeOne(t, owner) {
  t = t.replace(/\s+/g, '');
  // Unbalanced parentheses are typos in the docs (`lists(map(string)`).
  const open = (t.match(/\(/g) ?? []).length;
  const close = (t.match(/\)/g) ?? []).length;
  if (open > close) t += ')'.repeat(open - close);
  t = t.replace(/^lists\(/, 'list(');
  // Alloy's RelabelRules is a list of relabel.Config.
  if (t === '[]relabel.Config' || t === 'list(relabel.Config)') return 'RelabelRules';
  // Go spellings: []T and map[string]T.
  const slice = /^\[\](.+)$/.exec(t);
  if (slice) return `list(${normalizeOne(slice[1], owner)})`;
  const goMap = /^map\[string\](.+)$/.exec(t);
  if (goMap) return `map(${normalizeOne(goMap[1], owner)})`;
  const generic = /^(list|array|map|capsule)\((.*)\)$/.exec(t);
  if (generic) {
    const kind = generic[1] === 'array' ? 'list' : generic[1];
    const inner = kind === 'capsule' ? generic[2] : normalizeOne(generic[2], owner);
    return `${kind}(${inner})`;
  }
  // Some pages write a bare `receiver` (or a Go name); the namespace says which.
  if (t === 'receiver' && (owner.startsWith('loki.') || owner === 'otelcol.exporter.loki')) return 'LogsReceiver';
  if ((t === 'receiver' || t === 'pyroscope.Appendable') && owner.startsWith('pyroscope.')) return 'ProfilesReceiver';
  return ALIASES.get(t) ?? t;
}
