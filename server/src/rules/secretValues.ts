/**
 * What a string value in a secret's place is: a credential written into the configuration, a placeholder for one
 * (documentation's `"<PASSWORD>"`, `"${TOKEN}"`, `"REPLACE_ME"`, `"example-password"`, a masked or sequential
 * value), a connection string without a password, or a file path. Only the first is a hardcoded secret.
 */

/** Words placeholders are made of: the names of the things themselves and "put yours here" fillers. */
const PLACEHOLDER_WORDS = new Set([
  'access',
  'account',
  'api',
  'apikey',
  'app',
  'application',
  'auth',
  'bearer',
  'change',
  'changeit',
  'changeme',
  'client',
  'cons',
  'consumer',
  'credential',
  'credentials',
  'dummy',
  'example',
  'fake',
  'here',
  'insert',
  'key',
  'my',
  'pass',
  'passwd',
  'password',
  'placeholder',
  'principal',
  'private',
  'pwd',
  'random',
  'redacted',
  'replace',
  'replaceme',
  'sample',
  'secret',
  'service',
  'some',
  'something',
  'else',
  'the',
  'todo',
  'token',
  'user',
  'username',
  'value',
  'your',
]);

/** Whether `s` (lower-case letters only) splits into placeholder words. */
function onlyPlaceholderWords(s: string): boolean {
  if (s === '') return true;
  const ok = new Array<boolean>(s.length + 1).fill(false);
  ok[0] = true;
  for (let end = 1; end <= s.length; end++) {
    for (let start = Math.max(0, end - 12); start < end && !ok[end]; start++) {
      if (ok[start] && PLACEHOLDER_WORDS.has(s.slice(start, end))) ok[end] = true;
    }
  }
  return ok[s.length];
}

/** Runs of four or more consecutive characters (`abcdef`, `1234`): example values such as `1234567890abcdef`. */
function onlySequences(s: string): boolean {
  const t = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (t.length === 0) return false;
  let run = 1;
  for (let i = 1; i <= t.length; i++) {
    if (i < t.length && (t.charCodeAt(i) === t.charCodeAt(i - 1) + 1 || (t[i - 1] === '9' && t[i] === '0'))) {
      run++;
      continue;
    }
    if (run < 4) return false;
    run = 1;
  }
  return true;
}

/** Why a value is a placeholder rather than a credential, or undefined when it looks like a credential. */
export function placeholderKind(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'empty';
  if (/^(abc|foo|bar|baz|qux|xyz)$/i.test(v)) return 'a metasyntactic name such as foo';
  if (/[<>][^<>]*>|<[^<>]*$/.test(v)) return 'an <ANGLE_BRACKET> placeholder';
  if (/\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$/.test(v)) return 'a ${VARIABLE} placeholder';
  if (/^\[?redacted\]?$/i.test(v) || /^[*xX.•=_-]+$/.test(v) || /x{4,}|X{6,}|\*{3,}/.test(v) || /^[0-]+$/.test(v)) {
    return 'a masked value';
  }
  // `API_KEY`, `SPLUNK_TOKEN`, `YOUR_ACCESS_KEY`, `PASSWORD`: the name of the value in capitals.
  const caps = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.exec(v);
  if (caps && /[A-Z]/.test(v)) {
    const parts = v.toLowerCase().split('_');
    if (PLACEHOLDER_WORDS.has(parts[parts.length - 1]) && (parts.length > 1 || onlyPlaceholderWords(parts[0]))) {
      return 'a NAME_OF_THE_VALUE placeholder';
    }
  }
  const letters = v.toLowerCase().replace(/[^a-z]/g, '');
  if (letters !== '' && onlyPlaceholderWords(letters) && !/[^A-Za-z0-9 _.-]/.test(v))
    return 'made of placeholder words';
  if (onlySequences(v)) return 'a sequence such as 1234 or abcdef';
  return undefined;
}

/** A file path in a secret's place (`key_pem = "/etc/ssl/client.key"`): not a credential. */
export function looksLikePath(value: string): boolean {
  return /^(\/|\.{1,2}\/|~\/|[A-Za-z]:[\\/])[^\s]*$/.test(value) && !/\n/.test(value);
}

/** Attributes that hold connection strings (DSNs, URIs): secrets only when they carry a password. */
export const CONNECTION_ATTRIBUTE = /(^|_)(data_source_names?|connection_string|dsn|uri|url)$/;

/**
 * The password inside a connection string, `null` when it has none, `undefined` when the value is not one.
 * Knows URLs (`scheme://user:password@host`), MySQL DSNs (`user:password@tcp(host)/db`) and key-value strings
 * (`host=db password=...`, `...;Password=...;`, Azure's `SharedAccessKey=...`).
 */
export function connectionPassword(value: string): string | null | undefined {
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(value);
  if (url) {
    const authority = url[1];
    const at = authority.lastIndexOf('@');
    if (at < 0) return null;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    return colon < 0 ? null : decodeURIComponentSafe(userinfo.slice(colon + 1));
  }
  const mysql = /^([^:@/()\s]*)(?::([^@]*))?@(?:[a-z]+)?\(/.exec(value);
  if (mysql) return mysql[2] ?? null;
  const kv = /(?:^|[;\s])(password|pwd|sharedaccesskey|accountkey|sharedsecretvalue)\s*=\s*('[^']*'|[^;\s]*)/i.exec(
    value,
  );
  if (kv) return kv[2].replace(/^'|'$/g, '');
  if (/(?:^|[;\s])[A-Za-z]+\s*=/.test(value) || /^[^\s:/@]+(:\d+)?(\/\S*)?$/.test(value) || /^[\w.-]+$/.test(value)) {
    return null;
  }
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The credential part of an `Authorization`-style header value: `Basic <base64 user:password>` decoded. */
export function headerCredential(value: string): string {
  const basic = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim());
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0 && /^[\x20-\x7e]*$/.test(decoded)) return decoded.slice(colon + 1);
  }
  const scheme = /^(bearer|token|apikey|api-key)\s+(.+)$/i.exec(value.trim());
  return scheme ? scheme[2] : value;
}
