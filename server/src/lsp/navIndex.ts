/**
 * The navigation index of a document's configuration, built once per set of
 * document versions and shared by every navigation feature.
 */
import { toConfigFile } from '../analysis/workspace';
import { NavIndex } from '../features/symbols';
import type { ServerState } from './server';

const cache = new WeakMap<ServerState, Map<string, { stamp: string; index: NavIndex }>>();

export function navIndexFor(state: ServerState, uri: string): NavIndex | undefined {
  if (!state.workspace.open.has(uri)) return undefined;
  const files = state.workspace.configurationOf(uri, state.settings.configMode);
  const stamp = files.docs.map((d) => d.generation).join(',');
  let perState = cache.get(state);
  if (!perState) cache.set(state, (perState = new Map()));
  const known = perState.get(files.key);
  if (known && known.stamp === stamp) return known.index;
  const index = new NavIndex(files.docs.map(toConfigFile));
  perState.set(files.key, { stamp, index });
  return index;
}
