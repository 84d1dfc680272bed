/**
 * The signal-flow graph of an analysed configuration, as the `graph` command
 * and the `alloy/graph` request return it: the annotated graph with each
 * diagnostic of the analysis on the node whose block holds it.
 */
import type { Configuration } from '../analysis/configuration';
import type { Finding } from '../rules/rule';
import type { Settings } from '../settings';
import { annotatedGraph } from './annotate';
import { graphDocument, type GraphDocument } from './render';

export { annotatedGraph } from './annotate';
export { signalGraph } from './build';
export type { GraphDocument } from './render';

/** The graph document of an analysis; `positionOf` adds each node's line and column. */
export function graphOf(
  result: { readonly configuration: Configuration; readonly findings: ReadonlyMap<string, readonly Finding[]> },
  settings: Settings,
  positionOf?: (uri: string, offset: number) => { line: number; character: number },
): GraphDocument {
  const graph = annotatedGraph(result.configuration);
  const diagnostics = [];
  for (const list of result.findings.values()) {
    for (const f of list) {
      const severity = settings.rules[f.code];
      if (severity === 'off') continue;
      diagnostics.push({ uri: f.uri, span: f.span, code: f.code, severity, message: f.message });
    }
  }
  return graphDocument(graph, diagnostics, positionOf);
}
