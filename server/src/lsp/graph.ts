/** The `alloy/graph` request: the signal-flow graph of a document's configuration, as JSON. */
import { graphOf } from '../graph';
import type { GraphDocument } from '../graph/render';
import { GRAPH_REQUEST, type GraphParams } from '../protocol';
import type { ServerState } from './state';

export function registerGraph(state: ServerState): void {
  state.connection.onRequest(GRAPH_REQUEST, (params: GraphParams): GraphDocument | null => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !state.workspace.open.has(uri)) return null;
    // The same cached analysis the diagnostics come from.
    const analysis = state.analysisOf(uri);
    return graphOf(
      analysis,
      state.settings,
      (u, offset) => analysis.doc(u)?.lines.positionAt(offset) ?? { line: 0, character: 0 },
    );
  });
}
