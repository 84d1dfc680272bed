import { absolute } from '../model/types';
import { declaredArguments, importedComponent, statementBlocks } from './statementScopes';
import { schemaBlockFindings } from './schemaFacts';
import type { ConfigurationRule, LocalFinding } from './rule';

/**
 * A required argument or block that is not there: the catalog's required
 * ones (not those the docs make `conditional`), at every depth of components
 * and config blocks; for custom components, `argument` blocks without
 * `optional = true`. Reported on the block's name. Statements with syntax
 * errors wait: a half-typed block is not missing anything yet.
 */
export const missingRequired: ConfigurationRule = {
  code: 'missing-required',
  kind: 'configuration',
  check(config, context) {
    const view = context.catalog;
    const out = schemaBlockFindings('missing-required', config, context, ({ block, schema }) => {
      const found: LocalFinding[] = [];
      const missingArgs = schema.argumentsKnown
        ? schema.arguments.filter(
            (a) =>
              a.required &&
              !a.conditional &&
              !block.attributes.some((x) => x.name === a.name) &&
              !block.blocks.some((x) => x.name === a.name),
          )
        : [];
      const missingBlocks = schema.blocksKnown
        ? schema.blocks.filter((b) => b.required && !block.blocks.some((x) => x.name === b.name))
        : [];
      for (const a of missingArgs) {
        found.push({
          span: block.nameSpan,
          message: `${schema.title} is missing its required argument '${a.name}' (${a.type})`,
          data: { owner: schema.owner, path: [...schema.path], kind: 'argument', name: a.name },
        });
      }
      for (const b of missingBlocks) {
        found.push({
          span: block.nameSpan,
          message: `${schema.title} is missing its required block '${b.name}'`,
          data: { owner: schema.owner, path: [...schema.path], kind: 'block', name: b.name },
        });
      }
      return found;
    });
    for (const s of statementBlocks(config)) {
      if (view.getComponent(s.block.name) || s.statement.syntax.length > 0) continue;
      const declare = s.scope.declares.get(s.block.name) ?? importedComponent(s, context)?.declare;
      if (!declare) continue;
      for (const a of declaredArguments(declare)) {
        if (a.optional || s.block.attributes.some((x) => x.name === a.name)) continue;
        out.push({
          code: 'missing-required',
          uri: s.file.uri,
          span: absolute(s.block.nameSpan, s.statement.start),
          message: `custom component ${s.block.name} is missing its required argument '${a.name}' (its argument block has no optional = true)`,
          data: { custom: true, kind: 'argument', name: a.name },
        });
      }
    }
    return out;
  },
};
