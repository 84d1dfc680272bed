/** Request handlers for the editing features: code actions and commands, formatting, navigation. */
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { registerCodeActions } from './codeActions';
import { registerFormatting } from './formatting';
import { registerNavigation } from './navigation';
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
};

export function registerFeatures(state: ServerState, client: () => ClientFeatures): void {
  registerCodeActions(state);
  registerFormatting(state);
  registerNavigation(state, () => client().definitionLinks);
}
