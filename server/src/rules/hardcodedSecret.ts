import { isSecretArgument } from '../analysis/facts';
import type { AttributeInfo, BlockInfo, ValueInfo } from '../model/types';
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

/** HTTP header names (object keys, any case) whose values are credentials. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|cookie|x-scope-orgid-token)$/i;

function literal(v: ValueInfo): boolean {
  return (v.kind === 'string' || v.kind === 'raw_string') && !!v.text;
}

/** Passwords, API keys and tokens written as string literals instead of `sys.env(...)` or a secret export. */
export const hardcodedSecret: StatementRule = {
  code: 'hardcoded-secret',
  kind: 'statement',
  check(statement) {
    const out: LocalFinding[] = [];
    const report = (v: ValueInfo, what: string) =>
      out.push({
        span: v.span,
        message: `${what} is a secret written in the configuration; read it from the environment with sys.env("...") or from a secret export instead`,
        data: { attribute: what },
      });
    const visit = (attribute: AttributeInfo, component: string, path: string[]) => {
      const v = attribute.value;
      if (v.kind === 'object' && v.fields) {
        // Header maps: `headers = { "Authorization" = "Bearer ..." }`, judged by the key (a map the catalog
        // types as secret also holds harmless entries such as `Host`). One finding per field.
        for (const field of v.fields) {
          if (!SECRET_HEADER.test(field.key) && !isSecretName(field.key)) continue;
          const values = field.value.kind === 'array' ? (field.value.elements ?? []) : [field.value];
          const first = values.find(literal);
          if (first) report(first, `'${attribute.name}.${field.key}'`);
        }
        return;
      }
      if (!literal(v)) return;
      // Some secret-typed arguments hold whole embedded configurations (prometheus.exporter.blackbox `config`):
      // written inline on purpose, they are not credentials.
      const catalogSecret = isSecretArgument(component, path, attribute.name) && !/(^|_)config$/.test(attribute.name);
      if (!isSecretName(attribute.name) && !catalogSecret) return;
      report(v, `'${attribute.name}'`);
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
