/**
 * Inserted text in the file's own indentation. Templates and the formatter
 * indent with tabs (as `alloy fmt` does); in a file indented with spaces
 * only, each leading tab of an inserted line becomes one of the file's
 * indentation steps.
 */
import type { FixContext } from './context';
import type { FileEdit } from './edits';

/** The file's indentation step when it indents with spaces only (e.g. two spaces), else undefined (tabs). */
export function spaceIndentUnit(text: string): string | undefined {
  let min = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const lead = m[1];
    if (lead.includes('\t')) return undefined;
    if (lead.length < min) min = lead.length;
  }
  return Number.isFinite(min) && min <= 8 ? ' '.repeat(min) : undefined;
}

export function withIndentation(edits: FileEdit[], ctx: FixContext): FileEdit[] {
  const units = new Map<string, string | undefined>();
  return edits.map((e) => {
    if (!units.has(e.uri)) {
      const text = ctx.configuration.files.find((f) => f.uri === e.uri)?.text ?? '';
      units.set(e.uri, spaceIndentUnit(text));
    }
    const unit = units.get(e.uri);
    if (!unit || !e.text.includes('\t')) return e;
    return { ...e, text: e.text.replace(/^\t+/gm, (tabs) => unit.repeat(tabs.length)) };
  });
}
