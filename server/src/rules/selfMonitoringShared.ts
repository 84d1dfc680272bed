/** What the three self-monitoring rules share: when they apply, where they report. */
import type { BlockSite, Configuration } from '../analysis/configuration';
import { absolute, type AttributeInfo, type BlockInfo } from '../model/types';
import type { RuleCode } from '../protocol';
import type { Finding } from './rule';
import { scrapesOwnEndpointDecls } from '../graph/ownEndpoint';

/**
 * Self-monitoring applies to root configurations: not to modules (top-level
 * `argument`/`export`, or only `declare` blocks), not to files with no
 * components, and not while the configuration has syntax errors.
 */
export function applies(config: Configuration): boolean {
  return config.hasComponents && !config.isModule && !config.hasSyntaxErrors;
}

/** Where a "missing" finding goes: the name of the first component of the first file that has one. */
export function anchor(config: Configuration): { uri: string; span: { start: number; end: number } } {
  for (const file of config.files) {
    for (const statement of file.statements) {
      const b = statement.block;
      if (b && b.label !== undefined && config.components.has(`${b.name}.${b.label}`)) {
        return { uri: file.uri, span: absolute(b.nameSpan, statement.start) };
      }
    }
  }
  const file = config.files[0];
  return { uri: file.uri, span: { start: 0, end: 0 } };
}

export function at(site: BlockSite, span = site.block.nameSpan) {
  return { uri: site.file.uri, span: absolute(span, site.statement.start) };
}

export function attribute(block: BlockInfo, name: string): AttributeInfo | undefined {
  return block.attributes.find((a) => a.name === name);
}

/** `write_to` is missing, or is a literal empty list. */
export function writesNowhere(block: BlockInfo): AttributeInfo | 'missing' | undefined {
  const w = attribute(block, 'write_to');
  if (!w) return 'missing';
  if (w.value.kind === 'array' && (w.value.elements?.length ?? 0) === 0) return w;
  return undefined;
}

export function finding(
  code: RuleCode,
  where: { uri: string; span: { start: number; end: number } },
  message: string,
  data: Record<string, unknown>,
): Finding {
  return { code, ...where, message, data };
}

/**
 * Whether a `prometheus.scrape` collects Alloy's own `/metrics` endpoint and forwards it somewhere
 * (what Alloy's packaged default configuration does, instead of `prometheus.exporter.self`).
 */
export function scrapesOwnEndpoint(config: Configuration): boolean {
  return scrapesOwnEndpointDecls(config).some((decl) => {
    const forward = attribute(decl.block, 'forward_to');
    return forward !== undefined && !(forward.value.kind === 'array' && (forward.value.elements?.length ?? 0) === 0);
  });
}
