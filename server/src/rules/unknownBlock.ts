import { catalog } from '../knowledge';
import { absolute } from '../model/types';
import { importedComponent, statementBlocks } from './statementScopes';
import { looksLikeDocsGap, didYouMean, nearest, schemaBlockFindings, versionSuffix } from './schemaFacts';
import type { ConfigurationRule, LocalFinding } from './rule';

/**
 * A nested block the enclosing block does not have, at every depth of
 * components and config blocks; custom-component instances take no blocks.
 */
export const unknownBlock: ConfigurationRule = {
  code: 'unknown-block',
  kind: 'configuration',
  check(config, context) {
    const view = context.catalog;
    const out = schemaBlockFindings('unknown-block', config, context, ({ block, schema }) => {
      const found: LocalFinding[] = [];
      if (!schema.blocksKnown) return found;
      for (const b of block.blocks) {
        if (schema.blocks.some((x) => x.name === b.name)) continue;
        if (schema.owner === 'foreach' && schema.path.length === 0 && b.name === 'template') continue;
        if (schema.arguments.some((x) => x.name === b.name)) {
          found.push({
            span: b.nameSpan,
            message: `'${b.name}' is an argument of ${schema.title}, not a block: write ${b.name} = ...`,
            data: { name: b.name },
          });
          continue;
        }
        const history = catalog.releasesOfBlock(schema.owner, [...schema.path, b.name]);
        if (looksLikeDocsGap(history, context.version)) continue;
        const note = catalog.versionNote(history, context.version);
        if (note) {
          found.push({
            span: b.nameSpan,
            message: `block '${b.name}' of ${schema.title} ${note}${versionSuffix(context)}`,
            data: { name: b.name, versions: [...history] },
          });
          continue;
        }
        const suggestions = nearest(
          b.name,
          schema.blocks.map((x) => x.name),
        );
        found.push({
          span: b.nameSpan,
          message: `${schema.title} has no block '${b.name}'${didYouMean(suggestions)}`,
          data: { name: b.name, suggestions },
        });
      }
      return found;
    });
    for (const s of statementBlocks(config)) {
      if (view.getComponent(s.block.name) || s.statement.syntax.length > 0) continue;
      if (!s.scope.declares.has(s.block.name) && !importedComponent(s, context)?.declare) continue;
      for (const b of s.block.blocks) {
        out.push({
          code: 'unknown-block',
          uri: s.file.uri,
          span: absolute(b.nameSpan, s.statement.start),
          message: `custom component ${s.block.name} takes arguments only, not a '${b.name}' block`,
          data: { name: b.name, suggestions: [] },
        });
      }
    }
    return out;
  },
};
