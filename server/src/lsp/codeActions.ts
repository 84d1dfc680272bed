/** Code actions (quick fixes, the self-monitoring source action) and the server's commands. */
import type { ServerState } from './server';

export function registerCodeActions(_state: ServerState): void {}
