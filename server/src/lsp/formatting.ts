/** Document and range formatting. */
import type { ServerState } from './server';

export function registerFormatting(_state: ServerState): void {}
