import { catalog } from '../knowledge';
import { absolute } from '../model/types';
import { importedComponent, statementBlocks } from './statementScopes';
import { didYouMean, nearest, versionSuffix } from './schemaFacts';
import type { ConfigurationRule, Finding } from './rule';

/**
 * A block name that is no component, config block, custom component
 * (`declare` in scope) or imported module namespace. Alloy refuses to load
 * the configuration. A name that other Alloy releases have is reported with
 * the release that added or removed it.
 */
export const unknownComponent: ConfigurationRule = {
  code: 'unknown-component',
  kind: 'configuration',
  check(config, context) {
    const view = context.catalog;
    const out: Finding[] = [];
    for (const s of statementBlocks(config)) {
      const name = s.block.name;
      if (!name || s.statement.syntax.length > 0 || view.getComponent(name) || view.getConfigBlock(name)) continue;
      if (s.scope.declares.has(name)) continue;
      const dot = name.indexOf('.');
      const span = absolute(s.block.nameSpan, s.statement.start);
      if (dot > 0 && s.scope.imports.has(name.slice(0, dot))) {
        // A local import.file whose files could be read: its top-level declares are its components.
        const imported = importedComponent(s, context);
        if (imported && !imported.declare) {
          const suggestions = nearest(imported.name, imported.names).map((n) => `${imported.namespace}.${n}`);
          out.push({
            code: 'unknown-component',
            uri: s.file.uri,
            span,
            message: `'${name}': the module imported as ${imported.namespace} (${imported.filename}) declares no component '${imported.name}'${didYouMean(suggestions)}`,
            data: { name, suggestions },
          });
        }
        continue;
      }
      const present = catalog.releasesOfComponent(name);
      const history = present.size > 0 ? present : catalog.releasesOfConfigBlock(name);
      const note = catalog.versionNote(history, context.version);
      if (note) {
        out.push({
          code: 'unknown-component',
          uri: s.file.uri,
          span,
          message: `'${name}' ${note}${versionSuffix(context)}`,
          data: { name, versions: [...history] },
        });
        continue;
      }
      const candidates = [
        ...view.catalog.components.map((c) => c.name),
        ...view.catalog.configBlocks.map((b) => b.name),
        ...s.scope.declares.keys(),
      ];
      const suggestions = nearest(name, candidates);
      out.push({
        code: 'unknown-component',
        uri: s.file.uri,
        span,
        message: `'${name}' is not an Alloy component${didYouMean(suggestions)}`,
        data: { name, suggestions },
      });
    }
    return out;
  },
};
