/** Request handlers for the editing features: code actions and commands, formatting, navigation,
 * structure (symbols, folding, selection), semantic tokens, completion, hover and signature help. */
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerFormatting } from './formatting';
import { registerGraph } from './graph';
import { registerNavigation } from './navigation';
import { SEMANTIC_TOKENS_LEGEND, registerSemanticTokens } from './semanticTokens';
import { registerStructure } from './structure';
import type { ServerState } from './state';

/** What the client can do, as far as the feature handlers care. */
export interface ClientFeatures {
  definitionLinks: boolean;
}

/** The capabilities of the feature handlers registered here. */
export const FEATURE_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  declarationProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: { label: 'Alloy' },
  workspaceSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
  completionProvider: { triggerCharacters: ['.', '"'], resolveProvider: true },
  hoverProvider: true,
  signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
};

export function registerFeatures(state: ServerState, client: () => ClientFeatures): void {
  registerCodeActions(state);
  registerFormatting(state);
  registerGraph(state);
  registerNavigation(state, () => client().definitionLinks);
  registerStructure(state);
  registerSemanticTokens(state);
  registerCompletion(state);
}
