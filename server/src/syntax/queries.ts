/**
 * The grammar's tree-sitter queries (grammars/tree-sitter-alloy/queries),
 * compiled once per language.
 */
import { Query, type Language } from 'web-tree-sitter';
import { QUERIES } from './queries.generated';

const compiled = new WeakMap<Language, Map<string, Query>>();

/** The query `name` (`semantic`, `folds`, `highlights`) compiled for a tree's language. */
export function query(language: Language, name: string): Query {
  let perLanguage = compiled.get(language);
  if (!perLanguage) compiled.set(language, (perLanguage = new Map()));
  let q = perLanguage.get(name);
  if (!q) {
    const source = QUERIES[name];
    if (source === undefined) throw new Error(`no query named ${name}`);
    q = new Query(language, source);
    perLanguage.set(name, q);
  }
  return q;
}
