/**
 * The signal-flow graph of a configuration: which component sends what to
 * which. Plain data (offsets, no LSP types), so the rules, the fixes, the
 * `graph` command and the editors' graph view share one shape; the JSON the
 * server returns for `alloy/graph` is this object.
 */
import type { Span } from '../model/types';
import type { Behaviour, Carried, DataSignal } from '../knowledge/signals';

export type { Behaviour, Carried, DataSignal } from '../knowledge/signals';

export type NodeKind =
  /** A built-in component, e.g. `loki.write "default"`. */
  | 'component'
  /** An instance of a `declare`d or imported custom component. */
  | 'custom'
  /** `logging`, `tracing` and the other configuration blocks that reference something. */
  | 'config'
  /** An `export` block of a module or a `declare` body. */
  | 'export'
  /** Any other block that holds a reference (a `foreach` collection, ...). */
  | 'block';

/** What the graph says is wrong with a node. */
export type NodeMark =
  /** A pipeline end nothing sends to (the unwired-exporter rule). */
  | 'unwired'
  /** Data enters it and goes nowhere (no output for what it receives). */
  | 'dangling'
  /** It drops what it is sent: a console exporter, or a signal it does not accept. */
  | 'drops';

export interface GraphNode {
  /** Unique in the graph: the component key (`loki.write.default`), `logging`, or scoped (`declare.m/loki.write.x`). */
  id: string;
  kind: NodeKind;
  /** Block name: `loki.write`, `logging`, `export`. */
  name: string;
  label?: string;
  /** `declare "NAME"` / `foreach "NAME"` whose body holds the block; undefined at the top level. */
  scope?: string;
  uri: string;
  /** The whole block and its name, absolute UTF-16 offsets in `uri`. */
  span: Span;
  nameSpan: Span;
  /** What the component does with what it is sent; `unknown` for modules whose body we cannot see. */
  behaviour: Behaviour | 'unknown';
  /** Signals (and targets) it takes in. */
  accepts: (DataSignal | 'targets')[];
  marks: NodeMark[];
  /**
   * Sends data somewhere the graph cannot follow: a module argument
   * (`argument.forward_to.value`), an undefined component, an imported module.
   */
  external?: true;
  /** On a path that carries Alloy's own metrics, logs or traces to a backend. */
  selfMonitoring: DataSignal[];
}

export interface GraphEdge {
  id: string;
  /** Producer node id. */
  from: string;
  /** Consumer node id. */
  to: string;
  carries: Carried[];
  /** The attribute that makes the connection, as written in the referencing block: `forward_to`, `output.traces`. */
  attribute: string;
  /** The export read: `receiver`, `input`, `targets`. */
  export?: string;
  /** The reference expression, absolute offsets in `uri`. */
  uri: string;
  span: Span;
  /** False when the consumer does not take what this edge carries (it is dropped there). */
  accepted: boolean;
  /** The export is not of the type the attribute takes (the wrong-receiver rule reports it). */
  wrongType?: true;
  selfMonitoring: DataSignal[];
}

export interface SignalGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
