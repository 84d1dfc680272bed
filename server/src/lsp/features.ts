/** Request handlers for the editing features: code actions and commands, formatting. */
import { registerCodeActions } from './codeActions';
import { registerFormatting } from './formatting';
import type { ServerState } from './state';

export function registerFeatures(state: ServerState): void {
  registerCodeActions(state);
  registerFormatting(state);
}
