/** Request handlers for the editing features: code actions and commands, formatting, completion and hover. */
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerFormatting } from './formatting';
import type { ServerState } from './server';

export function registerFeatures(state: ServerState): void {
  registerCodeActions(state);
  registerFormatting(state);
  registerCompletion(state);
}
