/**
 * The shape of a configuration template: Alloy blocks as data. A template is
 * rendered to text for the code actions (with the labels chosen for the
 * configuration at hand) and to VS Code snippets (with tab stops), so the two
 * can never drift apart.
 */
import type { Signal } from '../protocol';
import type { Destination, SelfMonitoringSettings } from '../settings';

/** A setting of the `alloy.selfMonitoring` section a template value comes from. */
export type SettingKey = 'samplingFraction' | 'scrapeInterval' | 'logLevel' | 'logFormat';

/** An expression as data. */
export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  /** `sys.env("NAME")`: every endpoint and credential comes from the environment. */
  | { kind: 'env'; name: string }
  /** `a + b + ...` */
  | { kind: 'concat'; parts: Expr[] }
  /** `<name>.<label>.<field>` of another piece of the same destination. */
  | { kind: 'ref'; piece: string; field: string }
  /** A single-line list `[a, b]`. */
  | { kind: 'list'; items: Expr[] }
  /** A multi-line object `{ "key" = value, ... }`. */
  | { kind: 'object'; fields: [string, Expr][] }
  /** A value from the self-monitoring settings. */
  | { kind: 'setting'; key: SettingKey };

export interface TemplateAttribute {
  type: 'attribute';
  name: string;
  value: Expr;
}

export interface TemplateBlock {
  type: 'block';
  name: string;
  /** Default label (components); config blocks such as `logging` have none. */
  label?: string;
  body: (TemplateAttribute | TemplateBlock)[];
}

/** One top-level block of a self-monitoring stack. */
export interface Piece {
  /** Unique within a destination; other pieces refer to it by this id. */
  id: string;
  block: TemplateBlock;
  /**
   * Components that can stand in for this piece when the configuration
   * already has one (they export the same field and fit the destination).
   * The piece's own component name is always accepted; an exporter is
   * also checked against the signals it already carries (see README.md).
   * `reuse: false` means the piece is always added (a `prometheus.scrape`
   * that does the wiring).
   */
  accepts: string[];
  reuse: boolean;
  /** One line for the snippet description. */
  description: string;
}

export interface EnvironmentVariable {
  name: string;
  description: string;
  example: string;
}

export interface DestinationTemplate {
  id: Destination;
  title: string;
  /** Pieces in the order the whole stack is printed. */
  pieces: Piece[];
  /** The piece each signal starts from; the rest is reached through its references. */
  roots: Record<Signal, string>;
  env: EnvironmentVariable[];
}

/** Values the settings put into a rendered template. */
export type TemplateSettings = Pick<
  SelfMonitoringSettings,
  'samplingFraction' | 'scrapeInterval' | 'logLevel' | 'logFormat'
>;
