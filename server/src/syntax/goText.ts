/**
 * How Go's fmt prints the values that appear in Alloy's parser messages:
 * `%#U` of a character and `%q` of a string (strconv.Quote, ../format/quote.ts)
 * cut from its bytes, so that our messages read exactly like Alloy's and never
 * contain a raw control character.
 */
import { goQuote, isPrint } from '../format/quote';

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** `fmt.Sprintf("%#U", cp)`: `U+003A ':'`, or only `U+000A` when the character is not printable. */
export function goCharU(cp: number): string {
  const code = `U+${hex(cp, 4).toUpperCase()}`;
  const ch = String.fromCodePoint(cp);
  return isPrint(ch, cp) ? `${code} '${ch}'` : code;
}

/**
 * `fmt.Sprintf("%q", s)` of the bytes of a Go string. Bytes that are not
 * valid UTF-8 (a multi-byte character cut by a byte slice) are written `\xNN`.
 */
export function goQuoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < bytes.length;) {
    const [cp, width] = decodeRune(bytes, i);
    if (cp < 0) out += `\\x${hex(bytes[i], 2)}`;
    else out += goQuote(String.fromCodePoint(cp)).slice(1, -1);
    i += width;
  }
  return out + '"';
}

/** utf8.DecodeRune: the code point at `i` and its width, or [-1, 1] for an invalid sequence. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  let need: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) {
    need = 1;
    min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    min = 0x10000;
  } else return [-1, 1];
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const d = b[i + k];
    if (d === undefined || (d & 0xc0) !== 0x80) return [-1, 1];
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return [-1, 1];
  return [cp, need + 1];
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD, as a UTF-8 encoder writes them). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * Writes every control character of a message as `U+000A` and the like: a
 * diagnostic is one line of text. (Alloy's own messages already do; this
 * guards what we add.)
 */
export function printable(message: string): string {
  return message.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `U+${hex(c.codePointAt(0)!, 4).toUpperCase()}`);
}
