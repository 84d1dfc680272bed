import { isSecretArgument } from '../analysis/facts';
import type { AttributeInfo, BlockInfo, ValueInfo } from '../model/types';
import type { LocalFinding, StatementRule } from './rule';
import {
  CONNECTION_ATTRIBUTE,
  connectionPassword,
  headerCredential,
  looksLikePath,
  placeholderKind,
} from './secretValues';

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

/**
 * HTTP header names (any case) whose values are credentials. Tenant and routing headers such as `X-Scope-OrgID`
 * are not: they name a tenant, and Alloy's docs write them inline.
 */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|cookie|x-scope-orgid-token)$/i;

function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name) || isSecretName(name.toLowerCase().replace(/-/g, '_'));
}

function literal(v: ValueInfo): boolean {
  return (v.kind === 'string' || v.kind === 'raw_string') && !!v.text;
}

/** The literal string of a block's attribute, when it has one. */
function literalAttribute(block: BlockInfo, name: string): string | undefined {
  const a = block.attributes.find((x) => x.name === name);
  return a && literal(a.value) ? a.value.text : undefined;
}

/**
 * Whether a literal in a secret's place is a credential: not a placeholder, not a path, and for connection strings
 * only the password they contain.
 */
function isCredential(text: string, attribute: string, header: boolean): boolean {
  if (looksLikePath(text)) return false;
  const connection = CONNECTION_ATTRIBUTE.test(attribute) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(text);
  if (connection) {
    const password = connectionPassword(text);
    if (password === null) return false;
    if (password !== undefined) return placeholderKind(password) === undefined;
  }
  return placeholderKind(header ? headerCredential(text) : text) === undefined;
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
    const visit = (attribute: AttributeInfo, component: string, path: string[], block?: BlockInfo) => {
      const v = attribute.value;
      if (v.kind === 'object' && v.fields) {
        // Header maps: `headers = { "Authorization" = "Bearer ..." }`, judged by the key (a map the catalog
        // types as secret also holds harmless entries such as `Host`). One finding per field.
        for (const field of v.fields) {
          if (!isSecretHeader(field.key)) continue;
          const values = field.value.kind === 'array' ? (field.value.elements ?? []) : [field.value];
          const first = values.find((x) => literal(x) && isCredential(x.text!, field.key, true));
          if (first) report(first, `'${attribute.name}.${field.key}'`);
        }
        return;
      }
      if (!literal(v)) return;
      // Some secret-typed arguments hold whole embedded configurations (prometheus.exporter.blackbox `config`):
      // written inline on purpose, they are not credentials.
      const catalogSecret = isSecretArgument(component, path, attribute.name) && !/(^|_)config$/.test(attribute.name);
      if (!isSecretName(attribute.name) && !catalogSecret) return;
      // A header given as a block (`header { key = "X-Scope-OrgID" value = "..." }` in otelcol.auth.headers): the
      // value is a credential only when the header is one.
      const headerName = block && attribute.name === 'value' ? literalAttribute(block, 'key') : undefined;
      if (headerName !== undefined) {
        if (isSecretHeader(headerName) && isCredential(v.text!, headerName, true)) {
          report(v, `'${attribute.name}' of header '${headerName}'`);
        }
        return;
      }
      if (!isCredential(v.text!, attribute.name, false)) return;
      report(v, `'${attribute.name}'`);
    };
    if (statement.attribute) visit(statement.attribute, '', []);
    const top = statement.block;
    if (!top) return out;
    const stack: [BlockInfo, string[]][] = [[top, []]];
    while (stack.length > 0) {
      const [block, path] = stack.pop()!;
      for (const a of block.attributes) visit(a, top.name, path, block);
      for (const inner of block.blocks) stack.push([inner, [...path, inner.name]]);
    }
    return out;
  },
};
