import { catalog } from '../knowledge';
import { absolute } from '../model/types';
import { declaredArguments, importedComponent, statementBlocks } from './statementScopes';
import { looksLikeDocsGap, didYouMean, nearest, schemaBlockFindings, versionSuffix } from './schemaFacts';
import type { ConfigurationRule, LocalFinding } from './rule';

/**
 * An argument the block does not have: in components, their nested blocks at
 * every depth and config blocks (from the catalog of the chosen Alloy
 * version), and in custom-component instances (the `argument` blocks of the
 * `declare`).
 */
export const unknownAttribute: ConfigurationRule = {
  code: 'unknown-attribute',
  kind: 'configuration',
  check(config, context) {
    const view = context.catalog;
    const out = schemaBlockFindings('unknown-attribute', config, context, ({ block, schema }) => {
      const found: LocalFinding[] = [];
      if (!schema.argumentsKnown) return found;
      for (const a of block.attributes) {
        if (schema.arguments.some((x) => x.name === a.name)) continue;
        if (schema.blocks.some((b) => b.name === a.name)) {
          found.push({
            span: a.nameSpan,
            message: `'${a.name}' is a block of ${schema.title}, not an argument: write ${a.name} { ... }`,
            data: { name: a.name },
          });
          continue;
        }
        const history = catalog.releasesOfArgument(schema.owner, schema.path, a.name);
        if (looksLikeDocsGap(history, context.version)) continue;
        const note = catalog.versionNote(history, context.version);
        if (note) {
          found.push({
            span: a.nameSpan,
            message: `argument '${a.name}' of ${schema.title} ${note}${versionSuffix(context)}`,
            data: { name: a.name, versions: [...history] },
          });
          continue;
        }
        const suggestions = nearest(
          a.name,
          schema.arguments.map((x) => x.name),
        );
        found.push({
          span: a.nameSpan,
          message: `${schema.title} has no argument '${a.name}'${didYouMean(suggestions)}`,
          data: { name: a.name, suggestions },
        });
      }
      return found;
    });
    // Custom components: the declare's `argument` blocks are its arguments (also a declare a local import.file brings).
    for (const s of statementBlocks(config)) {
      if (view.getComponent(s.block.name) || s.statement.syntax.length > 0) continue;
      const declare = s.scope.declares.get(s.block.name) ?? importedComponent(s, context)?.declare;
      if (!declare) continue;
      const args = declaredArguments(declare).map((a) => a.name);
      for (const a of s.block.attributes) {
        if (args.includes(a.name)) continue;
        const suggestions = nearest(a.name, args);
        out.push({
          code: 'unknown-attribute',
          uri: s.file.uri,
          span: absolute(a.nameSpan, s.statement.start),
          message: `custom component ${s.block.name} declares no argument '${a.name}'${didYouMean(suggestions)}`,
          data: { name: a.name, suggestions },
        });
      }
    }
    return out;
  },
};
