/**
 * What is being typed at a position, read from the text itself. The cursor
 * is usually inside half-typed text that tree-sitter can only cover with an
 * ERROR node, so this does not ask the tree: it scans the tokens of the
 * enclosing top-level statement up to the cursor (strings, comments and
 * brackets understood), keeping a stack of open blocks, arrays, objects and
 * calls, and which attribute's value is being written.
 *
 * Works in offsets (UTF-16 code units, JavaScript string indices).
 */
import type { StatementSummary } from '../../model/types';

/** An open block: `name "label" {`, or the file itself (name ''). */
export interface BlockFrame {
  type: 'block';
  name: string;
  label?: string;
  /** Offset of the block's name (0 for the file). */
  start: number;
  /** Offset just after `{` (0 for the file). */
  bodyStart: number;
  /** Attributes set in this block before the cursor. */
  attributes: Set<string>;
  /** Names of nested blocks closed before the cursor. */
  blocks: string[];
  /** Tokens of the statement being written at this block's level. */
  tokens: Token[];
  /** The attribute whose value is being written (after `name =`), if any. */
  attribute?: string;
}

export interface NestFrame {
  type: 'array' | 'object' | 'call' | 'paren';
  open: number;
  /** Commas at this level so far (the active parameter of a call). */
  commas: number;
  /** Function name of a call. */
  fn?: string;
  /** In an object: at a key (after `{`, `,` or a newline) rather than after `=`. */
  atKey?: boolean;
}

export type Frame = BlockFrame | NestFrame;

export interface Token {
  kind: 'chain' | 'string' | 'equals' | 'other';
  start: number;
  end: number;
  text: string;
}

export type ContextKind =
  /** The start of a statement in a block body (or at the top level): a name is being typed. */
  | 'statement'
  /** After a block name, where its label goes. */
  | 'label'
  /** In the value of an attribute (or a call argument, array element, object field value). */
  | 'value'
  /** At a key of an object literal. */
  | 'object-key'
  /** Inside a string literal (`inValueString` says whether it is a value). */
  | 'string'
  | 'comment'
  /** Anything else (after a complete value, on a block's header line after `{` ...). */
  | 'none';

export interface CompletionContext {
  kind: ContextKind;
  offset: number;
  /** The enclosing blocks, outermost first; blocks[0] is the file. */
  blocks: BlockFrame[];
  /** Open arrays, objects and calls inside the innermost block's current statement, outermost first. */
  nests: NestFrame[];
  /** The dotted name being typed, from its start to the cursor (`prometheus.ex`), and where it starts. */
  word: string;
  wordStart: number;
  /** End of the name under the cursor (it may continue after the cursor). */
  wordEnd: number;
  /** The attribute whose value is being written. */
  attribute?: string;
  /** Inside a string: where its opening quote is. */
  stringStart?: number;
  /** The rest of the line after the name under the cursor. */
  after: string;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;

function isIdentStart(c: string): boolean {
  return c.length > 0 && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IDENT_START.test(c));
}
function isIdentPart(c: string): boolean {
  return (
    c.length > 0 &&
    (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || IDENT_PART.test(c))
  );
}

/** How far back, at most, a statement may reach (a lost `}` must not make every request scan the file). */
const MAX_SCAN = 200_000;

/**
 * Where to start scanning: the top-level statement containing the offset.
 * Error recovery may have split a half-typed block into an ERROR for its header and top-level
 * attributes for its body (Alloy has no top-level attributes), so those are walked back over.
 */
export function scanStart(statements: readonly StatementSummary[], offset: number): number {
  let lo = 0;
  let hi = statements.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return 0;
  let i = found;
  // The cursor after a complete statement (on the next line) is at the top level.
  const s = statements[i];
  if (s.end < offset && s.kind === 'block' && s.syntax.length === 0) return s.end;
  while (i > 0 && found - i < 50 && statements[i].kind !== 'block') i--;
  // A block that is complete and error-free ends before an attribute that follows it.
  if (i < found && statements[i].kind === 'block' && statements[i].syntax.length === 0) i++;
  return Math.max(statements[i].start, offset - MAX_SCAN);
}

/** Scans `text` from `from` to `offset` and says what is being typed at `offset`. */
export function completionContext(text: string, from: number, offset: number): CompletionContext {
  const root: BlockFrame = {
    type: 'block',
    name: '',
    start: 0,
    bodyStart: 0,
    attributes: new Set(),
    blocks: [],
    tokens: [],
  };
  const blocks: BlockFrame[] = [root];
  const stack: Frame[] = [root];
  let state: 'code' | 'string' | 'raw' | 'line-comment' | 'block-comment' = 'code';
  let stringStart = 0;
  const top = () => stack[stack.length - 1];
  const block = () => blocks[blocks.length - 1];
  /** Tokens of the current statement of the innermost block, when no bracket is open. */
  let lastTok: Token | undefined;
  /** Tokens since the last newline. */
  let line: Token[] = [];
  /**
   * `name =` alone on a line inside an open array or call: the bracket was never closed (it is
   * being typed), and this is the next attribute of the block.
   */
  const recover = () => {
    const b = block();
    stack.length = stack.indexOf(b) + 1;
    endStatement(b);
  };
  const push = (t: Token) => {
    lastTok = t;
    if (
      t.kind === 'equals' &&
      line.length === 1 &&
      line[0].kind === 'chain' &&
      top().type !== 'block' &&
      top().type !== 'object'
    ) {
      recover();
      block().tokens.push(line[0]);
    }
    line.push(t);
    const f = top();
    if (f.type === 'block') {
      f.tokens.push(t);
      if (t.kind === 'equals' && f.tokens.length === 2 && f.tokens[0].kind === 'chain') {
        f.attribute = f.tokens[0].text;
      }
    } else if (f.type === 'object' && (t.kind === 'equals' || t.text === ':')) {
      f.atKey = false;
    }
  };
  const endStatement = (f: BlockFrame) => {
    if (f.attribute) f.attributes.add(f.attribute);
    f.attribute = undefined;
    f.tokens = [];
  };

  let i = from;
  while (i < offset) {
    const c = text[i];
    if (state === 'string') {
      if (c === '\\') i += 2;
      else {
        if (c === '"' || c === '\n') state = 'code';
        i++;
      }
      continue;
    }
    if (state === 'raw') {
      if (c === '`') state = 'code';
      i++;
      continue;
    }
    if (state === 'line-comment') {
      if (c === '\n') state = 'code';
      else {
        i++;
        continue;
      }
    }
    if (state === 'block-comment') {
      if (c === '*' && text[i + 1] === '/') {
        state = 'code';
        i += 2;
      } else i++;
      continue;
    }
    // code
    if (c === '\n') {
      line = [];
      const f = top();
      if (f.type === 'block') endStatement(f);
      else if (f.type === 'object') f.atKey = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      state = 'line-comment';
      i += 2;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      state = 'block-comment';
      i += 2;
      continue;
    }
    if (c === '"') {
      state = 'string';
      stringStart = i;
      push({ kind: 'string', start: i, end: i, text: '' });
      i++;
      continue;
    }
    if (c === '`') {
      state = 'raw';
      stringStart = i;
      push({ kind: 'string', start: i, end: i, text: '' });
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      i++;
      for (;;) {
        while (i < offset && isIdentPart(text[i])) i++;
        if (i < offset && text[i] === '.') {
          i++;
          if (i < offset && isIdentStart(text[i])) continue;
        }
        break;
      }
      push({ kind: 'chain', start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (c >= '0' && c <= '9') {
      const start = i;
      while (i < offset && /[0-9a-zA-Z_.]/.test(text[i])) i++;
      push({ kind: 'other', start, end: i, text: text.slice(start, i) });
      continue;
    }
    const f = top();
    switch (c) {
      case '{': {
        if (f.type === 'block' && !f.attribute) {
          const t = f.tokens;
          const named = t.length >= 1 && t[0].kind === 'chain' && (t.length === 1 || t[1].kind === 'string');
          const label = named && t.length >= 2 ? labelText(text, t[1].start) : undefined;
          const frame: BlockFrame = {
            type: 'block',
            name: named ? t[0].text : '',
            label,
            start: t.length ? t[0].start : i,
            bodyStart: i + 1,
            attributes: new Set(),
            blocks: [],
            tokens: [],
          };
          blocks.push(frame);
          stack.push(frame);
        } else {
          push({ kind: 'other', start: i, end: i + 1, text: c });
          stack.push({ type: 'object', open: i, commas: 0, atKey: true });
        }
        break;
      }
      case '[':
        push({ kind: 'other', start: i, end: i + 1, text: c });
        stack.push({ type: 'array', open: i, commas: 0 });
        break;
      case '(': {
        const prev = lastTok;
        const fn = prev && prev.kind === 'chain' && prev.end === i ? prev.text : undefined;
        push({ kind: 'other', start: i, end: i + 1, text: c });
        stack.push(fn ? { type: 'call', open: i, commas: 0, fn } : { type: 'paren', open: i, commas: 0 });
        break;
      }
      case '}': {
        // Close the innermost object or block, and anything left open inside it.
        while (stack.length > 1) {
          const closed = stack.pop()!;
          if (closed.type === 'object') break;
          if (closed.type === 'block') {
            blocks.pop();
            const parent = block();
            parent.blocks.push(closed.name);
            if (top() === parent) parent.tokens = [];
            break;
          }
        }
        push({ kind: 'other', start: i, end: i + 1, text: c });
        break;
      }
      case ']':
      case ')': {
        const want = c === ']' ? ['array'] : ['call', 'paren'];
        for (let k = stack.length - 1; k >= 0 && stack[k].type !== 'block'; k--) {
          if (want.includes(stack[k].type)) {
            stack.length = k;
            break;
          }
        }
        push({ kind: 'other', start: i, end: i + 1, text: c });
        break;
      }
      case ',':
        if (f.type !== 'block') {
          f.commas++;
          if (f.type === 'object') f.atKey = true;
        }
        push({ kind: 'other', start: i, end: i + 1, text: c });
        break;
      case '=': {
        const next = text[i + 1];
        const prev = text[i - 1];
        if (next === '=' || next === '~' || prev === '!' || prev === '<' || prev === '>' || prev === '=') {
          push({ kind: 'other', start: i, end: i + 1, text: c });
        } else push({ kind: 'equals', start: i, end: i + 1, text: c });
        break;
      }
      default:
        push({ kind: 'other', start: i, end: i + 1, text: c });
    }
    i++;
  }

  // The name at the start of the line followed by `=` after the cursor, inside a bracket left open.
  if (
    state === 'code' &&
    line.length === 1 &&
    line[0].kind === 'chain' &&
    line[0].end === offset &&
    top().type !== 'block' &&
    top().type !== 'object' &&
    /^[\p{L}\p{Nd}_]*\s*=(?!=)/u.test(text.slice(offset, offset + 200))
  ) {
    recover();
    block().tokens.push(line[0]);
  }
  const blockFrame = block();
  const nests = stack.slice(stack.indexOf(blockFrame) + 1) as NestFrame[];
  const lineEnd = text.indexOf('\n', offset);
  const rest = (from: number) => text.slice(from, lineEnd < 0 ? text.length : lineEnd);
  const base = {
    offset,
    blocks,
    nests,
    attribute: blockFrame.attribute,
  };
  if (state === 'string' || state === 'raw') {
    return { ...base, kind: 'string', word: '', wordStart: offset, wordEnd: offset, stringStart, after: rest(offset) };
  }
  if (state === 'line-comment' || state === 'block-comment') {
    return { ...base, kind: 'comment', word: '', wordStart: offset, wordEnd: offset, after: rest(offset) };
  }
  // The name under the cursor: the chain token ending at the cursor, continued after it.
  const f = top();
  const last = lastTok;
  const typing = last !== undefined && last.kind === 'chain' && last.end === offset;
  let wordEnd = offset;
  while (wordEnd < text.length && isIdentPart(text[wordEnd])) wordEnd++;
  const word = typing ? last.text : '';
  const wordStart = typing ? last.start : offset;
  const ctx = { ...base, word, wordStart, wordEnd, after: rest(wordEnd) };
  if (f.type === 'block') {
    const t = f.tokens;
    const n = typing && t[t.length - 1] === last ? t.length - 1 : t.length;
    if (n === 0) return { ...ctx, kind: 'statement' };
    if (f.attribute) {
      // After `name =`, an operator or a comma a value starts; after a complete value it does not.
      const before = typing ? t[t.length - 2] : t[t.length - 1];
      const startsValue =
        before !== undefined &&
        (before.kind === 'equals' || (before.kind === 'other' && !/^[\])}0-9]/.test(before.text)));
      return { ...ctx, kind: startsValue ? 'value' : 'none' };
    }
    if (n === 1 && t[0].kind === 'chain' && !typing) return { ...ctx, kind: 'label' };
    return { ...ctx, kind: 'none' };
  }
  if (f.type === 'object' && f.atKey) return { ...ctx, kind: 'object-key' };
  return { ...ctx, kind: 'value' };
}

function labelText(text: string, quote: number): string {
  const close = text.indexOf('"', quote + 1);
  const nl = text.indexOf('\n', quote + 1);
  const end = close < 0 || (nl >= 0 && nl < close) ? quote + 1 : close;
  return text.slice(quote + 1, end);
}

/**
 * The attributes and blocks set in the body of the block whose `{` is just before `bodyStart`,
 * read from the whole body (also after the cursor), ignoring the statement at `skip`; `labelled`
 * lists the blocks with their labels, in order.
 */
export function bodyContents(
  text: string,
  bodyStart: number,
  skip: { start: number; end: number },
): { attributes: Set<string>; blocks: Set<string>; labelled: { name: string; label?: string }[] } {
  const attributes = new Set<string>();
  const blocks = new Set<string>();
  const labelled: { name: string; label?: string }[] = [];
  let depth = 0;
  let i = bodyStart;
  let lineStart = true;
  const limit = Math.min(text.length, bodyStart + MAX_SCAN);
  while (i < limit) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < limit && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      lineStart = false;
      continue;
    }
    if (c === '`') {
      i = text.indexOf('`', i + 1);
      if (i < 0) break;
      i++;
      lineStart = false;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? limit : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? limit : close + 2;
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && lineStart && isIdentStart(c) && (i < skip.start || i >= skip.end)) {
      const start = i;
      while (i < limit && (isIdentPart(text[i]) || text[i] === '.')) i++;
      const name = text.slice(start, i);
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '=' && text[j + 1] !== '=') attributes.add(name);
      else if (text[j] === '{' || text[j] === '"') {
        blocks.add(name);
        labelled.push({ name, label: text[j] === '"' ? labelText(text, j) : undefined });
      }
      lineStart = false;
      continue;
    }
    lineStart = false;
    i++;
  }
  return { attributes, blocks, labelled };
}
