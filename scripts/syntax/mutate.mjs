// Mutants of real configurations, the state a configuration is edited in:
// truncated at a random line and character, or with one of `{ } [ ] ( ) " ,`
// dropped or added. Everything depends only on the seed (mulberry32, the
// benchmark generator's PRNG), so a mutant is named by its file, kind, offset
// and character, and can be rebuilt from the corpus file alone.
import { rng } from '../bench/generate.mjs';

export const CHARS = ['{', '}', '[', ']', '(', ')', '"', ','];

/**
 * `count` mutants of `files` ({ name, text }[], in a fixed order): each is
 * { file, kind: 'truncate' | 'drop' | 'add', at, char? } (`at` in UTF-16 code units).
 */
export function mutants(files, count, seed) {
  const random = rng(seed);
  const pick = (n) => Math.floor(random() * n);
  const out = [];
  while (out.length < count) {
    const { name, text } = files[pick(files.length)];
    const roll = random();
    if (roll < 1 / 3) {
      const lines = text.split('\n');
      const line = pick(lines.length);
      let at = 0;
      for (let i = 0; i < line; i++) at += lines[i].length + 1;
      out.push({ file: name, kind: 'truncate', at: at + pick(lines[line].length + 1) });
    } else if (roll < 2 / 3) {
      const char = CHARS[pick(CHARS.length)];
      const places = [];
      for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) places.push(i);
      if (places.length === 0) continue;
      out.push({ file: name, kind: 'drop', at: places[pick(places.length)], char });
    } else {
      out.push({ file: name, kind: 'add', at: pick(text.length + 1), char: CHARS[pick(CHARS.length)] });
    }
  }
  return out;
}

/** The mutated text. */
export function apply(text, m) {
  if (m.kind === 'truncate') return text.slice(0, m.at);
  if (m.kind === 'drop') return text.slice(0, m.at) + text.slice(m.at + 1);
  return text.slice(0, m.at) + m.char + text.slice(m.at);
}

/** `NAME:LINE:COL: message` as Alloy prints a diagnostic (COL in bytes), from a UTF-16 offset. */
export function sidecarLine(name, text, offset, message) {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  const col = Buffer.byteLength(text.slice(lineStart, offset)) + 1;
  return `${name}:${line}:${col}: ${message}`;
}
