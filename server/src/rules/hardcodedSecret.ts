import { isSecretArgument } from '../analysis/facts';
import type { AttributeInfo, BlockInfo, ValueInfo } from '../model/types';
import type { LocalFinding, StatementRule } from './rule';
import { BODY_OF_STATEMENTS, cachedPerUnit } from './schemaFacts';
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
  check(statement, file, context) {
    const out: LocalFinding[] = [];
    const visit = (
      found: LocalFinding[],
      attribute: AttributeInfo,
      component: string,
      path: string[],
      block?: BlockInfo,
    ) => {
      const report = (v: ValueInfo, what: string) =>
        found.push({
          span: v.span,
          message: `${what} is a secret written in the configuration; read it from the environment with sys.env("...") or from a secret export instead`,
          data: { attribute: what },
        });
      const v = attribute.value;
      if (v.kind === 'object' && v.fields) {
        for (const field of v.fields) {
          if (!isSecretHeader(field.key)) continue;
          const values = field.value.kind === 'array' ? (field.value.elements ?? []) : [field.value];
          const first = values.find((x) => literal(x) && isCredential(x.text!, field.key, true));
          if (first) report(first, `'${attribute.name}.${field.key}'`);
        }
        return;
      }
      if (!literal(v)) return;
      const catalogSecret = isSecretArgument(component, path, attribute.name) && !/(^|_)config$/.test(attribute.name);
      if (!isSecretName(attribute.name) && !catalogSecret) return;
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
    if (statement.attribute) visit(out, statement.attribute, '', []);
    const top = statement.block;
    if (!top) return out;
    // Attributes written directly in a declare body (not arguments of any component).
    if (BODY_OF_STATEMENTS.has(top.name)) {
      const holders = [top];
      while (holders.length > 0) {
        const holder = holders.pop()!;
        for (const a of holder.attributes) visit(out, a, holder.name, [], holder);
        for (const inner of holder.blocks) if (BODY_OF_STATEMENTS.has(inner.name)) holders.push(inner);
      }
    }
    // Each component (a top-level one, or one in a declare body) against its own arguments.
    const units = cachedPerUnit('hardcoded-secret', file, statement, context, (unit) => {
      const found: LocalFinding[] = [];
      const stack: [BlockInfo, string[]][] = [[unit, []]];
      while (stack.length > 0) {
        const [block, path] = stack.pop()!;
        for (const a of block.attributes) visit(found, a, unit.name, path, block);
        for (const inner of block.blocks) stack.push([inner, [...path, inner.name]]);
      }
      return found;
    });
    return out.length === 0 ? units : [...out, ...units];
  },
};
