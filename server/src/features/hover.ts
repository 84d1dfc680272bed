/**
 * Hover and signature help. Both read the position the way completion does
 * (context.ts scans the text, so half-typed blocks work too) and describe
 * what is there from the catalog and the configuration's definitions.
 */
import type { CatalogView } from '../knowledge';
import { bodySpec } from './blocks';
import { parameterLabel, signatureLabel } from '../knowledge/stdlibSignatures';
import { type CompletionFile, ownerOf, siteAt, type Site } from './completion/complete';
import { argumentDoc, blockDoc, componentDoc, stdlibDoc, stdlibSignature } from './describe';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

const IDENT = /[\p{L}\p{Nd}_]/u;

/** The dotted name around `offset`: [start, end). */
function chainAt(text: string, offset: number): { start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && (IDENT.test(text[start - 1]) || (text[start - 1] === '.' && IDENT.test(text[start - 2] ?? ''))))
    start--;
  let end = offset;
  while (end < text.length && (IDENT.test(text[end]) || (text[end] === '.' && IDENT.test(text[end + 1] ?? '')))) end++;
  if (start === end || /[\p{Nd}]/u.test(text[start])) return undefined;
  return { start, end };
}

export function hover(
  kb: CatalogView,
  file: CompletionFile,
  files: readonly CompletionFile[],
  offset: number,
): HoverResult | undefined {
  const text = file.text;
  const chain = chainAt(text, offset);
  if (!chain) return undefined;
  const name = text.slice(chain.start, chain.end);
  // What the position is from the start of the name: a statement (block or attribute name) or a value.
  const site = siteAt(kb, file, files, chain.start);
  const { ctx } = site;
  const after = text.slice(chain.end, text.indexOf('\n', chain.end) < 0 ? text.length : text.indexOf('\n', chain.end));
  const range = { start: chain.start, end: chain.end };
  if (ctx.kind === 'statement') {
    if (/^\s*=/.test(after)) {
      const owner = ownerOf(ctx.blocks);
      if (!owner) return undefined;
      const body = bodySpec(site.kb, owner.name, owner.path);
      const arg = body?.arguments.find((a) => a.name === name);
      if (body && arg) return { contents: argumentDoc(body.owner, body.path, arg, body.docUrl), ...range };
      const declare = site.local?.declares.get(owner.name) ?? site.scope.top.declares.get(owner.name);
      if (declare && owner.path.length === 0) {
        const a = declare.blocks.find((b) => b.name === 'argument' && b.label === name);
        if (a)
          return {
            contents: `**${name}** — argument of the custom component \`${owner.name}\` (declared in this configuration).`,
            ...range,
          };
      }
      return undefined;
    }
    return blockHover(site, name, range);
  }
  if (ctx.kind === 'value') return valueHover(site, name, after, range);
  return undefined;
}

function blockHover(site: Site, name: string, range: { start: number; end: number }): HoverResult | undefined {
  const { ctx } = site;
  const frames = [...ctx.blocks, { name }];
  const owner = ownerOf(frames);
  if (!owner) return undefined;
  if (owner.path.length === 0) {
    const spec = site.kb.getComponent(name) ?? site.kb.getConfigBlock(name);
    if (spec) return { contents: componentDoc(spec), ...range };
    const declare = site.local?.declares.get(name) ?? site.scope.top.declares.get(name);
    if (declare) {
      const args = declare.blocks.filter((b) => b.name === 'argument' && b.label).map((b) => `\`${b.label}\``);
      const exports = declare.blocks.filter((b) => b.name === 'export' && b.label).map((b) => `\`${b.label}\``);
      return {
        contents: [
          `**${name}** — custom component, declared in this configuration`,
          '',
          `Arguments: ${args.length ? args.join(', ') : 'none'}. Exports: ${exports.length ? exports.join(', ') : 'none'}.`,
        ].join('\n'),
        ...range,
      };
    }
    const ns = name.split('.')[0];
    if (site.scope.top.imports.has(ns)) {
      return { contents: `**${name}** — component of the module imported as \`${ns}\`.`, ...range };
    }
  }
  const parent = owner.path.length > 0 ? bodySpec(site.kb, owner.name, owner.path.slice(0, -1)) : undefined;
  const exact = parent?.blocks.find((b) => b.name === name);
  if (parent && exact)
    return { contents: blockDoc(parent.owner, [...parent.path, name], exact, parent.docUrl), ...range };
  const body = bodySpec(site.kb, owner.name, owner.path);
  if (!body) return undefined;
  const block = { name, required: false, arguments: body.arguments };
  return { contents: blockDoc(body.owner, body.path, block, body.docUrl), ...range };
}

function valueHover(
  site: Site,
  name: string,
  after: string,
  range: { start: number; end: number },
): HoverResult | undefined {
  const path = name.split('.');
  const fn = site.kb.getStdlibFunction(name);
  if (fn && (fn.kind === 'constant' || /^\s*\(/.test(after))) return { contents: stdlibDoc(fn), ...range };
  const defs = site.local ?? site.scope.top;
  for (let k = path.length - 1; k >= 1; k--) {
    const component = path.slice(0, k).join('.');
    const labels =
      defs.components.get(component) ?? (site.local ? undefined : site.scope.top.components.get(component));
    const label = path[k];
    if (!labels?.has(label)) continue;
    const exportName = path[k + 1];
    const spec = site.kb.getComponent(component);
    const lines = [`\`${component} "${label}"\` — defined in this configuration`];
    if (exportName !== undefined) {
      const e = site.scope.exportsOf(component, site.local).find((x) => x.name === exportName);
      if (e?.type) lines.push('', `Export \`${exportName}\`, type \`${e.type}\`.`);
      else if (e) lines.push('', `Export \`${exportName}\`.`);
      else
        lines.push(
          '',
          `\`${component}\` has no export \`${exportName}\`${spec ? ` (it exports ${spec.exports.map((x) => `\`${x.name}\``).join(', ') || 'nothing'})` : ''}.`,
        );
    }
    if (spec) lines.push('', `[Reference documentation](${spec.docUrl})`);
    return { contents: lines.join('\n'), ...range };
  }
  if (path[0] === 'argument' && path.length >= 2) {
    const known = defs.arguments.has(path[1]);
    return {
      contents: known
        ? `Module argument \`${path[1]}\`${path[2] === 'value' ? ': its value' : ''}.`
        : `\`argument.${path[1]}\` does not resolve: this module has no \`argument "${path[1]}"\` block.`,
      ...range,
    };
  }
  if (path.length >= 3 && site.kb.getComponent(path.slice(0, -2).join('.'))) {
    const component = path.slice(0, -2).join('.');
    return {
      contents: `\`${name}\` does not resolve: no \`${component} "${path[path.length - 2]}"\` is defined in this configuration.`,
      ...range,
    };
  }
  for (let k = path.length - 1; k >= 2; k--) {
    const component = path.slice(0, k).join('.');
    if (site.kb.getComponent(component)) {
      return {
        contents: `\`${name}\` does not resolve: no \`${component} "${path[k]}"\` is defined in this configuration.`,
        ...range,
      };
    }
  }
  return undefined;
}

export interface SignatureResult {
  label: string;
  parameters: string[];
  activeParameter: number;
  /** Markdown. */
  documentation: string;
}

/** The standard-library call the position is in, and which of its parameters is being written. */
export function signatureHelp(
  kb: CatalogView,
  file: CompletionFile,
  files: readonly CompletionFile[],
  offset: number,
): SignatureResult | undefined {
  const site = siteAt(kb, file, files, offset);
  const { ctx } = site;
  if (ctx.kind === 'comment') return undefined;
  for (let k = ctx.nests.length - 1; k >= 0; k--) {
    const n = ctx.nests[k];
    if (n.type !== 'call' || !n.fn) continue;
    const fn = site.kb.getStdlibFunction(n.fn);
    if (!fn) return undefined;
    const sig = stdlibSignature(fn);
    if (!sig) return undefined;
    const params = sig.parameters;
    let active = n.commas;
    if (active >= params.length && params.length > 0 && params[params.length - 1].variadic) active = params.length - 1;
    return {
      label: signatureLabel(fn.name, sig),
      parameters: params.map(parameterLabel),
      activeParameter: active,
      documentation: stdlibDoc(fn),
    };
  }
  return undefined;
}
