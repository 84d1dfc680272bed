/** The `alloy/graph` request: the signal-flow graph of a document's configuration, as JSON. */
import { analyze } from '../analysis/analyze';
import { toConfigFile } from '../analysis/workspace';
import { graphOf } from '../graph';
import type { GraphDocument } from '../graph/render';
import { GRAPH_REQUEST, type GraphParams } from '../protocol';
import type { ServerState } from './server';

export function registerGraph(state: ServerState): void {
  state.connection.onRequest(GRAPH_REQUEST, (params: GraphParams): GraphDocument | null => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !state.workspace.open.has(uri)) return null;
    const files = state.workspace.configurationOf(uri, state.settings.configMode);
    const result = analyze(files.docs.map(toConfigFile), state.settings);
    const byUri = new Map(files.docs.map((d) => [d.uri, d.document]));
    return graphOf(
      result,
      state.settings,
      (u, offset) => byUri.get(u)?.positionAt(offset) ?? { line: 0, character: 0 },
    );
  });
}
