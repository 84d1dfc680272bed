/**
 * Turns the grammar's ERROR and MISSING nodes into messages a person
 * understands, phrased after Alloy's own scanner and parser errors.
 */
import type { Node } from 'web-tree-sitter';
import type { SyntaxProblem } from '../model/types';

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*/u;

function describeToken(text: string): string {
  if (text.length === 0) return 'end of file';
  const c = text[0];
  if (c === '\n' || c === '\r') return 'newline';
  const ident = IDENT.exec(text);
  if (ident) return `'${ident[0]}'`;
  const num = /^[0-9.][0-9.eE+-]*/.exec(text);
  if (num) return `number ${num[0]}`;
  const op = /^(\|\||&&|==|!=|<=|>=|\.\.\.|[^\s])/.exec(text);
  return `'${op ? op[0] : c}'`;
}

/** Whether `offset` is inside a double-quoted string: an odd number of unescaped quotes before it on its line. */
function insideString(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quotes = 0;
  for (let i = lineStart; i < offset; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') quotes++;
  }
  return quotes % 2 === 1;
}

function listKind(node: Node | null): string | undefined {
  for (let n = node; n; n = n.parent) {
    switch (n.type) {
      case 'array':
      case 'arguments':
        return 'expression list';
      case 'object':
        return 'field list';
      case 'parenthesized_expression':
      case 'index_expression':
      case 'binary_expression':
      case 'unary_expression':
        return undefined;
      case 'attribute':
      case 'block':
        return undefined;
    }
  }
  return undefined;
}

/**
 * A message for an ERROR node. `text` is the whole document; only
 * `text[..limit)` is read (the end of the enclosing top-level statement), so
 * that the message depends on nothing outside that statement.
 */
export function describeError(node: Node, fullText: string, limit = fullText.length): SyntaxProblem {
  const text = limit < fullText.length ? fullText.slice(0, limit) : fullText;
  const start = node.startIndex;
  const end = Math.max(node.endIndex, start);
  const content = text.slice(start, end);
  const rest = text.slice(start, Math.min(text.length, start + 200));
  // Only Alloy's own whitespace: String.prototype.trim would also drop a byte order mark.
  const trimmed = content.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/[ \t\r\n]+/g, '');
  const prev = start > 0 ? text[start - 1] : '';

  // Alloy inserted a terminator (a newline after an element) where its parser does not accept one.
  if (trimmed.length === 0) {
    const kind = listKind(node.parent);
    const span = { start, end: start };
    if (kind) {
      return {
        span,
        message: `missing ',' in ${kind}: a list that spans several lines needs a comma after every element, including the last`,
      };
    }
    if (end >= text.length || /^\s*$/.test(text.slice(start))) {
      return { span, message: 'expected expression, got end of file' };
    }
    return {
      span,
      message:
        'unexpected newline: the expression ends at the end of the line; put the operator or closing bracket on the same line',
    };
  }

  if (rest.startsWith('\uFEFF')) return { span: { start, end: start + 1 }, message: 'illegal byte order mark' };
  if (rest.startsWith("'")) return { span: { start, end }, message: 'illegal single-quoted string; use double quotes' };
  if (rest.startsWith('#')) {
    return { span: { start, end }, message: "'#' does not start a comment in Alloy; use // or /* */" };
  }
  if ((rest.startsWith('\\') || prev === '\\') && insideString(text, start)) {
    const at = rest.startsWith('\\') ? start : start - 1;
    return { span: { start: at, end: at + 2 }, message: 'unknown escape sequence' };
  }
  const first = rest.codePointAt(0)!;
  if (!/^[\p{L}\p{Nd}_"`|&!=<>+\-*/%^{}()[\],.']/u.test(rest) && rest.length > 0) {
    const hex = first.toString(16).toUpperCase().padStart(4, '0');
    return {
      span: { start, end: start + String.fromCodePoint(first).length },
      message: `illegal character U+${hex} '${String.fromCodePoint(first)}'`,
    };
  }
  if (rest.startsWith('/*') && !text.includes('*/', start + 2)) {
    return { span: { start, end: start + 2 }, message: 'block comment not terminated' };
  }
  if (rest.startsWith('`') && !text.includes('`', start + 1)) {
    return { span: { start, end: start + 1 }, message: 'raw string literal not terminated' };
  }
  if (/^[eE][+-]?(?![0-9])/.test(rest) && /[0-9.]/.test(prev)) {
    return { span: { start: start - 1, end: start + 1 }, message: 'exponent has no digits' };
  }

  // A block header whose label is not an identifier, e.g. `x "with space" {`.
  const header = /^([\p{L}_][\p{L}\p{Nd}_.]*[ \t]*)"([^"\n]*)("[ \t]*\{|$)/u.exec(rest);
  if (header && (header[3] !== '' || start + header[0].length >= text.length)) {
    const at = start + header[1].length;
    const closed = header[3] !== '';
    return {
      span: { start: at, end: at + header[2].length + (closed ? 2 : 1) },
      message: closed
        ? `expected block label to be a valid identifier, but got "${header[2]}"`
        : 'expected block label to be a valid identifier (a double-quoted name of letters, digits and _)',
    };
  }

  // An ERROR directly inside a block, between its name and its body: a bad label.
  if (node.parent?.type === 'block' && node.nextSibling?.type === 'block_body') {
    if (rest.startsWith('"')) {
      const label = /^"([^"\n]*)"?/.exec(rest)?.[1] ?? '';
      return {
        span: { start, end },
        message: `expected block label to be a valid identifier, but got "${label}"`,
      };
    }
    if (rest.startsWith('`')) {
      return { span: { start, end }, message: 'expected block label to be a double-quoted string, not a raw string' };
    }
    return { span: { start, end }, message: `expected block label or '{', got ${describeToken(rest)}` };
  }
  if (node.parent?.type === 'attribute' && node.previousSibling?.type === 'identifier' && rest.startsWith('.')) {
    return {
      span: { start: node.parent.startIndex, end },
      message: 'attribute names may only consist of a single identifier with no "."',
    };
  }

  return {
    span: { start, end: start + Math.max(1, describeToken(rest).length - 2) },
    message: `unexpected ${describeToken(rest)}`,
  };
}

/** A message for a MISSING node (zero-width; the parser inserted it to recover). */
export function describeMissing(type: string, index: number, fullText: string, limit = fullText.length): SyntaxProblem {
  const text = fullText.slice(0, limit);
  const span = { start: index, end: index };
  if (type === '"') return { span, message: 'string literal not terminated' };
  const next = describeToken(text.slice(index).replace(/^[ \t\r]+/, ''));
  if (type === 'identifier') return { span, message: `expected identifier, got ${next}` };
  const what = /^[a-z_]+$/.test(type) ? type.replace(/_/g, ' ') : `'${type}'`;
  return { span, message: `missing ${what} before ${next}` };
}
