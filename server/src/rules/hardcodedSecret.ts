import { isSecretArgument } from '../analysis/facts';
import type { AttributeInfo, BlockInfo } from '../model/types';
import type { LocalFinding, StatementRule } from './rule';

/**
 * Attribute names that hold credentials even where the catalog has no type
 * for them (custom components, unknown blocks). `*_file` attributes hold a
 * path to a secret, not the secret.
 */
const SECRET_NAME =
  /(^|_)(password|passwd|secret|token|api_key|apikey|access_key|secret_key|private_key|credentials?)$/;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !name.endsWith('_file');
}

/** Passwords, API keys and tokens written as string literals instead of `sys.env(...)` or a secret export. */
export const hardcodedSecret: StatementRule = {
  code: 'hardcoded-secret',
  kind: 'statement',
  summary:
    'A password, API key or token given as a string literal; read it with `sys.env("...")` or from a secret export such as `local.file`.',
  check(statement) {
    const out: LocalFinding[] = [];
    const visit = (attribute: AttributeInfo, component: string, path: string[]) => {
      const v = attribute.value;
      if ((v.kind !== 'string' && v.kind !== 'raw_string') || !v.text) return;
      // Some secret-typed arguments hold whole embedded configurations (prometheus.exporter.blackbox `config`):
      // written inline on purpose, they are not credentials.
      const catalogSecret = isSecretArgument(component, path, attribute.name) && !/(^|_)config$/.test(attribute.name);
      if (!isSecretName(attribute.name) && !catalogSecret) return;
      out.push({
        span: v.span,
        message: `'${attribute.name}' is a secret written in the configuration; read it from the environment with sys.env("...") or from a secret export instead`,
        data: { attribute: attribute.name },
      });
    };
    if (statement.attribute) visit(statement.attribute, '', []);
    const top = statement.block;
    if (!top) return out;
    const stack: [BlockInfo, string[]][] = [[top, []]];
    while (stack.length > 0) {
      const [block, path] = stack.pop()!;
      for (const a of block.attributes) visit(a, top.name, path);
      for (const inner of block.blocks) stack.push([inner, [...path, inner.name]]);
    }
    return out;
  },
};
