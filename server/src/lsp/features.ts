/** Request handlers for the editing features: code actions, formatting, commands. */
import type { ServerState } from './server';

export function registerFeatures(_state: ServerState): void {}
