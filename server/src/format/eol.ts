/**
 * Line endings. The formatter prints '\n' line breaks, as `alloy fmt` does:
 * Alloy's scanner skips '\r' as whitespace and drops it from comments, and
 * its printer writes only '\n', so a CRLF file comes out with LF line breaks
 * (the `fmt` command does the same). Editors keep a document's own line
 * ending: the formatted text is converted to it before edits are computed.
 *
 * Line breaks inside raw strings belong to the string's value and are never
 * converted. Everywhere else a line break is whitespace, or part of a block
 * comment, whose carriage returns Alloy ignores.
 */

export type LineEnding = '\n' | '\r\n';

/** The line ending most of a text's line breaks use ('\n' when there are none, or as many of each). */
export function lineEndingOf(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * `formatted` (the formatter's output, which parses) with every line break
 * outside raw strings written as `eol`. Raw strings are copied unchanged.
 */
export function withLineEnding(formatted: string, eol: LineEnding): string {
  if (eol === '\n' && !formatted.includes('\r')) return formatted;
  if (!formatted.includes('`')) return formatted.replace(/\r?\n/g, eol);
  const parts: string[] = [];
  let copied = 0;
  const n = formatted.length;
  /** Rewrites the line breaks of formatted[copied, end) and copies it. */
  const convertUpTo = (end: number) => {
    if (end > copied) parts.push(formatted.slice(copied, end).replace(/\r?\n/g, eol));
    copied = end;
  };
  let i = 0;
  while (i < n) {
    const c = formatted[i];
    if (c === '`') {
      // A raw string: copied as it is, line breaks included.
      convertUpTo(i);
      const close = formatted.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      parts.push(formatted.slice(i, end));
      copied = end;
      i = end;
    } else if (c === '"') {
      // A double-quoted string cannot span lines; skip its escapes.
      i++;
      while (i < n && formatted[i] !== '"' && formatted[i] !== '\n') i += formatted[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && formatted[i + 1] === '/') {
      const eolAt = formatted.indexOf('\n', i);
      i = eolAt < 0 ? n : eolAt;
    } else if (c === '/' && formatted[i + 1] === '*') {
      const close = formatted.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else {
      i++;
    }
  }
  convertUpTo(n);
  return parts.join('');
}
