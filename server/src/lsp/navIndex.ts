/**
 * The navigation index of a document's configuration, built once per
 * analysis (so once per set of document versions) and shared by every
 * navigation feature.
 */
import type { Analysis } from '../analysis/analysis';
import { NavIndex } from '../features/symbols';
import type { ServerState } from './state';

const cache = new WeakMap<Analysis, NavIndex>();

export function navIndexFor(state: ServerState, uri: string): NavIndex | undefined {
  if (!state.workspace.open.has(uri)) return undefined;
  const analysis = state.analysisOf(uri);
  let index = cache.get(analysis);
  if (!index) {
    index = new NavIndex(analysis.configuration.files);
    cache.set(analysis, index);
  }
  return index;
}
