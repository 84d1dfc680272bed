/**
 * How many arguments each standard-library function takes. The reference
 * docs show examples, not signatures, so this is recorded by hand from
 * Alloy's implementation, grafana/alloy `syntax/internal/stdlib/stdlib.go`:
 * each function is a Go function (`os.Getenv(string)`, `strings.Join(list,
 * sep)`, `fmt.Sprintf(format, values...)`) or a raw function that checks its
 * own count (`array.combine_maps`: "expected 3 arguments"). Functions added
 * after that file was read (`array.group_by`, `encoding.to_json`,
 * `encoding.url_encode`, `encoding.url_decode`) take what their reference
 * page describes. Deprecated names take what their replacement takes.
 * A test checks that every function of the catalog has an entry here.
 */
export interface Arity {
  min: number;
  /** Undefined: any number (variadic). */
  max?: number;
}

const exactly = (n: number): Arity => ({ min: n, max: n });
const atLeast = (n: number): Arity => ({ min: n });

export const STDLIB_ARITY: Readonly<Record<string, Arity>> = {
  'array.combine_maps': exactly(3), // raw function: len(args) != 3 is an error
  'array.concat': atLeast(0), // raw function over any number of lists
  'array.group_by': exactly(3), // reference page: list, key, drop flag
  coalesce: atLeast(0), // raw function over any number of values
  'convert.nonsensitive': exactly(1), // nonSensitive(secret)
  'encoding.from_URLbase64': exactly(1),
  'encoding.from_base64': exactly(1),
  'encoding.from_json': exactly(1),
  'encoding.from_yaml': exactly(1),
  'encoding.to_URLbase64': exactly(1),
  'encoding.to_base64': exactly(1),
  'encoding.to_json': exactly(1), // reference page: one value
  'encoding.url_decode': exactly(1), // reference page: one string
  'encoding.url_encode': exactly(1), // reference page: one string
  'file.path_join': atLeast(0), // filepath.Join(elem...)
  json_path: exactly(2), // jsonPath(jsonString, path)
  'string.format': atLeast(1), // fmt.Sprintf(format, a...)
  'string.join': exactly(2), // strings.Join(elems, sep)
  'string.replace': exactly(3), // strings.ReplaceAll(s, old, new)
  'string.split': exactly(2), // strings.Split(s, sep)
  'string.to_lower': exactly(1),
  'string.to_upper': exactly(1),
  'string.trim': exactly(2), // strings.Trim(s, cutset)
  'string.trim_prefix': exactly(2),
  'string.trim_space': exactly(1),
  'string.trim_suffix': exactly(2),
  'sys.env': exactly(1), // os.Getenv(key)
};
