/**
 * Markdown descriptions of catalog entries, shared by hover and completion.
 * The facts (names, types, defaults, stability) come from the catalog; the
 * sentences are ours; everything else is behind the link to Alloy's docs.
 */
import type {
  ArgumentSpec,
  BlockSpec,
  ComponentSpec,
  ConfigBlockSpec,
  ReferenceSpec,
  StdlibFunction,
} from '../knowledge';
import { STDLIB_SIGNATURES, signatureLabel, type StdlibSignature } from '../knowledge/stdlibSignatures';

const STABILITY: Record<string, string> = {
  'generally-available': 'generally available',
  'public-preview': 'public preview',
  experimental: 'experimental',
};

/** `experimental`, `public preview`, `community`; undefined for generally available components. */
export function stabilityNote(spec: ReferenceSpec & { community?: true }): string | undefined {
  if (spec.community) return 'community';
  if (spec.stability && spec.stability !== 'generally-available') return STABILITY[spec.stability];
  return undefined;
}

function isComponent(spec: ReferenceSpec): spec is ComponentSpec {
  return 'namespace' in spec;
}

function requirementNotes(spec: ReferenceSpec): string {
  const args = spec.arguments.filter((a) => a.required);
  const blocks = spec.blocks.filter((b) => b.required);
  const out: string[] = [];
  if (args.length) {
    out.push(
      `Required arguments: ${args.map((a) => `\`${a.name}\` (${a.type}${a.conditional ? ', in some cases' : ''})`).join(', ')}.`,
    );
  } else out.push('No required arguments.');
  if (blocks.length) out.push(`Required blocks: ${blocks.map((b) => `\`${b.name}\``).join(', ')}.`);
  return out.join(' ');
}

const componentDocs = new WeakMap<ComponentSpec | ConfigBlockSpec, string>();

/** A component or config block: name, stability, required arguments, exports with types, link. */
export function componentDoc(spec: ComponentSpec | ConfigBlockSpec): string {
  const cached = componentDocs.get(spec);
  if (cached !== undefined) return cached;
  const lines: string[] = [];
  const what = isComponent(spec) ? 'component' : 'configuration block';
  const stability = spec.stability ? STABILITY[spec.stability] : undefined;
  const community = isComponent(spec) && spec.community ? ', community component' : '';
  lines.push(`**${spec.name}** — ${what}${stability ? `, ${stability}` : ''}${community}`);
  if (spec.stability === 'experimental') lines.push('', 'Needs `--stability.level=experimental` to run.');
  else if (spec.stability === 'public-preview')
    lines.push('', 'Needs `--stability.level=public-preview` or lower to run.');
  if (isComponent(spec) && spec.community) lines.push('', 'Needs `--feature.community-components.enabled` to run.');
  if (!isComponent(spec) && spec.unique) lines.push('', 'At most one per configuration.');
  lines.push('', requirementNotes(spec));
  if (spec.exports.length) {
    lines.push('', `Exports: ${spec.exports.map((e) => `\`${e.name}\` (${e.type})`).join(', ')}.`);
  } else if (isComponent(spec)) lines.push('', 'Exports nothing.');
  if (spec.docUrl) lines.push('', `[Reference documentation](${spec.docUrl})`);
  const doc = lines.join('\n');
  componentDocs.set(spec, doc);
  return doc;
}

/** An argument of a component, config block or nested block. */
export function argumentDoc(
  owner: string,
  path: readonly string[],
  arg: { name: string; type?: string; default?: string; required: boolean; conditional?: true },
  docUrl?: string,
): string {
  const where = path.length ? `block \`${path.join(' > ')}\` of \`${owner}\`` : `\`${owner}\``;
  const lines = [`**${arg.name}** — argument of ${where}`, ''];
  lines.push(`Type: \`${arg.type ?? 'any'}\``);
  if (arg.required) lines.push('', arg.conditional ? 'Required in some cases (see the reference).' : 'Required.');
  else lines.push('', arg.default !== undefined ? `Optional, default \`${arg.default}\`.` : 'Optional.');
  if (docUrl) lines.push('', `[Reference documentation](${docUrl})`);
  return lines.join('\n');
}

export function blockDoc(
  owner: string,
  path: readonly string[],
  block: Pick<BlockSpec, 'name' | 'required'> & { arguments: readonly ArgumentSpec[] },
  docUrl?: string,
): string {
  const where = path.length > 1 ? `block \`${path.slice(0, -1).join(' > ')}\` of \`${owner}\`` : `\`${owner}\``;
  const lines = [`**${block.name}** — block of ${where}`, ''];
  lines.push(block.required ? 'Required.' : 'Optional.');
  const args = block.arguments.filter((a) => a.required);
  if (args.length) lines.push('', `Required arguments: ${args.map((a) => `\`${a.name}\` (${a.type})`).join(', ')}.`);
  if (docUrl) lines.push('', `[Reference documentation](${docUrl})`);
  return lines.join('\n');
}

export function describeArgumentSpec(
  owner: string,
  path: readonly string[],
  arg: ArgumentSpec,
  docUrl?: string,
): string {
  return argumentDoc(owner, path, arg, docUrl);
}

/** The signature of a standard-library function, following a deprecated name to its replacement. */
export function stdlibSignature(fn: StdlibFunction): StdlibSignature | undefined {
  return STDLIB_SIGNATURES[fn.name] ?? (fn.deprecated ? STDLIB_SIGNATURES[fn.deprecated.replacement] : undefined);
}

export function stdlibDoc(fn: StdlibFunction): string {
  const sig = stdlibSignature(fn);
  const lines: string[] = [];
  if (fn.kind === 'constant') lines.push(`**${fn.name}** — standard library constant`);
  else
    lines.push(
      '```alloy',
      sig ? `${signatureLabel(fn.name, sig)}` : `${fn.name}(...)`,
      '```',
      '',
      `Standard library function${sig ? `, returns \`${sig.returns}\`` : ''}.`,
    );
  if (fn.deprecated) lines.push('', `Deprecated: use \`${fn.deprecated.replacement}\` instead.`);
  lines.push('', `[Reference documentation](${fn.docUrl})`);
  return lines.join('\n');
}
