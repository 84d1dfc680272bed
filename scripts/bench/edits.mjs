// The keystrokes the benchmark types: real one-character edits at real
// positions of a generated configuration, as an editor would send them.
//
// A cycle of 20 keystrokes: 6 characters typed inside a string value near the
// middle of the file (a `job_name`), 3 backspaces there, a newline inserted
// after a line further down (alternately after a top-level `}` and after an
// attribute inside a block), 4 digits typed into a number attribute near the
// end (`sample_limit`), 4 backspaces there, the newline removed again, and one
// more character in the middle string.

const TYPED = '-canary.v2beta-eu';
const DIGITS = '7315';

function findLine(lines, from, re) {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  for (let i = from - 1; i >= 0; i--) if (re.test(lines[i])) return i;
  throw new Error(`no line matches ${re}`);
}

/**
 * Plans `count` edits on `text`. Each edit carries its LSP form (`range`,
 * `text`) and its tree-sitter form (`startIndex`... in UTF-16 code units, which
 * is what web-tree-sitter expects for JavaScript strings); `after` gives the
 * document text after the edit on demand.
 */
export function planEdits(text, count, patterns = {}) {
  const lines = text.split('\n');
  const n = lines.length;
  const mid = { line: findLine(lines, Math.floor(n / 2), patterns.string ?? /^\s*job_name\s*=\s*".*"$/) };
  mid.character = lines[mid.line].length - 1;
  const end = { line: findLine(lines, Math.floor(n * 0.9), patterns.number ?? /^\s*sample_limit\s*=\s*\d+$/) };
  end.character = lines[end.line].length;
  const newlineSites = [
    findLine(lines, Math.floor(n * 0.6), /^}$/),
    findLine(lines, Math.floor(n * 0.7), /^\s+\w+\s*=\s*".*"$/),
  ];
  const cursors = [mid, end];

  const offsetAt = (line, character) => {
    let offset = 0;
    for (let i = 0; i < line; i++) offset += lines[i].length + 1;
    return offset + character;
  };

  const edits = [];
  let openNewline = -1;
  let typed = 0;

  const push = (kind, start, endPos, inserted) => {
    const startIndex = offsetAt(start.line, start.character);
    const oldEndIndex = offsetAt(endPos.line, endPos.character);
    const newlines = inserted.split('\n').length - 1;
    const newEndPosition =
      newlines === 0
        ? { row: start.line, column: start.character + inserted.length }
        : { row: start.line + newlines, column: inserted.length - inserted.lastIndexOf('\n') - 1 };
    edits.push({
      kind,
      range: { start: { ...start }, end: { ...endPos } },
      text: inserted,
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + inserted.length,
      startPosition: { row: start.line, column: start.character },
      oldEndPosition: { row: endPos.line, column: endPos.character },
      newEndPosition,
    });
  };

  const type = (cursor, ch, kind) => {
    push(kind, cursor, cursor, ch);
    const s = lines[cursor.line];
    lines[cursor.line] = s.slice(0, cursor.character) + ch + s.slice(cursor.character);
    cursor.character++;
  };
  const backspace = (cursor, kind) => {
    const from = { line: cursor.line, character: cursor.character - 1 };
    push(kind, from, cursor, '');
    const s = lines[cursor.line];
    lines[cursor.line] = s.slice(0, from.character) + s.slice(cursor.character);
    cursor.character--;
  };

  for (let i = 0; i < count; i++) {
    const k = i % 20;
    const cycle = Math.floor(i / 20);
    if (k < 6 || k === 19) type(mid, TYPED[typed++ % TYPED.length], 'type in string (middle)');
    else if (k < 9) backspace(mid, 'backspace in string (middle)');
    else if (k === 9) {
      const line = newlineSites[cycle % 2];
      const at = { line, character: lines[line].length };
      push('insert newline', at, at, '\n');
      lines.splice(line + 1, 0, '');
      for (const c of cursors) if (c.line > line) c.line++;
      for (let j = 0; j < newlineSites.length; j++) if (newlineSites[j] > line) newlineSites[j]++;
      openNewline = line;
    } else if (k < 14) type(end, DIGITS[(k - 10) % DIGITS.length], 'type in number (end)');
    else if (k < 18) backspace(end, 'backspace in number (end)');
    else if (k === 18) {
      const line = openNewline;
      push('remove newline', { line, character: lines[line].length }, { line: line + 1, character: 0 }, '');
      lines.splice(line + 1, 1);
      for (const c of cursors) if (c.line > line) c.line--;
      for (let j = 0; j < newlineSites.length; j++) if (newlineSites[j] > line) newlineSites[j]--;
      openNewline = -1;
    }
  }
  return { edits, finalText: lines.join('\n') };
}

/** Applies a planned edit to a text (for in-process parsing). */
export function applyEdit(text, edit) {
  return text.slice(0, edit.startIndex) + edit.text + text.slice(edit.oldEndIndex);
}
