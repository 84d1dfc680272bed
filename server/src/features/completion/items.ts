/**
 * Plain completion results of the features (no LSP types): what to insert
 * where, in offsets. server/src/lsp/completion.ts converts them.
 */

export type EntryKind =
  | 'component'
  | 'config-block'
  | 'custom-component'
  | 'namespace'
  | 'argument'
  | 'block'
  | 'reference'
  | 'label'
  | 'export'
  | 'function'
  | 'constant'
  | 'literal'
  | 'snippet'
  | 'module-argument';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  /** One line next to the label: a type, a signature, "required". */
  detail?: string;
  /** Shown next to the label in lists that support it: stability, "deprecated". */
  labelDetail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text [start, end) is replaced by `insert`. */
  start: number;
  end: number;
  insert: string;
  /** `insert` is in snippet syntax ($1, ${1:default}, $0). */
  snippet: boolean;
  filterText?: string;
  sortText?: string;
  deprecated?: boolean;
}

/** Escapes text for use inside a snippet. */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
