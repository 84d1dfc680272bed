/**
 * Parameters of the standard-library functions, for signature help and
 * completion. The reference pages give a signature line only for the `string`
 * functions (`string.join(list, separator)`); for the others the parameters
 * are read from the page's prose and examples ("It takes three arguments:
 * ...") and the arity of Alloy's implementation (syntax/internal/stdlib).
 * Parameter names follow the docs where they name them. A test checks every
 * entry against the catalog, and against the docs' signature lines when the
 * docs are available.
 */
import type { TypeName } from './schema';

export interface StdlibParameter {
  name: string;
  type: TypeName;
  /** May be left out. */
  optional?: true;
  /** Takes any number of values (`values...`). */
  variadic?: true;
}

export interface StdlibSignature {
  parameters: readonly StdlibParameter[];
  returns: TypeName;
}

const p = (name: string, type: TypeName, extra: Partial<StdlibParameter> = {}): StdlibParameter => ({
  name,
  type,
  ...extra,
});

/** Keyed by the function's full name as written in a configuration. */
export const STDLIB_SIGNATURES: Readonly<Record<string, StdlibSignature>> = {
  // docs/sources/reference/stdlib/array.md
  'array.concat': { parameters: [p('lists', 'list(any)', { variadic: true })], returns: 'list(any)' },
  'array.combine_maps': {
    parameters: [
      p('left', 'list(map(any))'),
      p('right', 'list(map(any))'),
      p('keys', 'list(string)'),
      p('passthrough', 'bool', { optional: true }),
    ],
    returns: 'list(map(any))',
  },
  'array.group_by': {
    parameters: [p('list', 'list(object)'), p('key', 'string'), p('drop_unmatched', 'bool')],
    returns: 'list(object)',
  },
  // docs/sources/reference/stdlib/coalesce.md
  coalesce: { parameters: [p('values', 'any', { variadic: true })], returns: 'any' },
  // docs/sources/reference/stdlib/convert.md
  'convert.nonsensitive': { parameters: [p('secret', 'secret')], returns: 'string' },
  // docs/sources/reference/stdlib/encoding.md
  'encoding.from_base64': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.from_URLbase64': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.to_base64': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.to_URLbase64': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.url_encode': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.url_decode': { parameters: [p('string', 'string')], returns: 'string' },
  'encoding.to_json': { parameters: [p('value', 'object')], returns: 'string' },
  'encoding.from_json': { parameters: [p('string', 'string')], returns: 'any' },
  'encoding.from_yaml': { parameters: [p('string', 'string')], returns: 'any' },
  // docs/sources/reference/stdlib/file.md
  'file.path_join': { parameters: [p('elements', 'string', { variadic: true })], returns: 'string' },
  // docs/sources/reference/stdlib/json_path.md
  json_path: { parameters: [p('json', 'string'), p('path', 'string')], returns: 'list(any)' },
  // docs/sources/reference/stdlib/string.md (signature lines)
  'string.format': { parameters: [p('spec', 'string'), p('values', 'any', { variadic: true })], returns: 'string' },
  'string.join': { parameters: [p('list', 'list(string)'), p('separator', 'string')], returns: 'string' },
  'string.replace': {
    parameters: [p('string', 'string'), p('substring', 'string'), p('replacement', 'string')],
    returns: 'string',
  },
  'string.split': { parameters: [p('string', 'string'), p('separator', 'string')], returns: 'list(string)' },
  'string.to_lower': { parameters: [p('string', 'string')], returns: 'string' },
  'string.to_upper': { parameters: [p('string', 'string')], returns: 'string' },
  'string.trim': { parameters: [p('string', 'string'), p('str_character_set', 'string')], returns: 'string' },
  'string.trim_prefix': { parameters: [p('string', 'string'), p('prefix', 'string')], returns: 'string' },
  'string.trim_suffix': { parameters: [p('string', 'string'), p('suffix', 'string')], returns: 'string' },
  'string.trim_space': { parameters: [p('string', 'string')], returns: 'string' },
  // docs/sources/reference/stdlib/sys.md
  'sys.env': { parameters: [p('name', 'string')], returns: 'string' },
};

/** `name(a, b, values...)`. */
export function signatureLabel(name: string, signature: StdlibSignature): string {
  const params = signature.parameters.map(parameterLabel);
  return `${name}(${params.join(', ')})`;
}

export function parameterLabel(param: StdlibParameter): string {
  return `${param.name}${param.variadic ? '...' : ''}${param.optional ? '?' : ''}`;
}
