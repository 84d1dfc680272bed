/**
 * Every rule's metadata, defined once: its stable code, its default severity,
 * a one-line summary (SARIF, hovers) and the description of its severity
 * setting (`alloy.rules.<code>` in package.json). The settings schema in
 * package.json and the README's rule table are checked against this table by
 * test/rules/metadata.test.ts; settings defaults and the CLI's rule list are
 * derived from it. A new rule adds its entry here, its module, and its
 * registration in rules/index.ts.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleMetadata {
  defaultSeverity: Severity;
  /** One line: SARIF's shortDescription, hovers. */
  summary: string;
  /** The `markdownDescription` of the rule's setting in package.json. */
  description: string;
}

export const RULE_METADATA = {
  'syntax-error': {
    defaultSeverity: 'error',
    summary: 'Alloy cannot parse this: the same syntax errors `alloy fmt` and `alloy run` report.',
    description: 'Text Alloy cannot parse: the errors `alloy fmt` and `alloy run` report for it.',
  },
  'duplicate-block': {
    defaultSeverity: 'error',
    summary:
      'A second `logging`, `tracing`, `http`, `remotecfg`, `livedebugging` or `labelstore` block in one configuration (all files of a directory in directory mode); Alloy refuses to load it.',
    description:
      'A second `logging`, `tracing`, `http`, `remotecfg`, `livedebugging` or `labelstore` block in one configuration (all files of a directory in `directory` mode). Alloy refuses to load it.',
  },
  'duplicate-component': {
    defaultSeverity: 'error',
    summary:
      'Two components with the same name and label, e.g. two `loki.write "default"` blocks; or two `declare`/`import.*` blocks with the same label (they name one namespace).',
    description: 'Two components with the same name and label, such as two `loki.write "default"` blocks.',
  },
  'misplaced-block': {
    defaultSeverity: 'error',
    summary:
      '`logging`, `tracing` and the other config blocks only at the top level (never inside `declare` or `foreach`); `argument`/`export` only at the top level of a module or directly in a `declare`; no top-level attributes.',
    description:
      'A block or attribute where Alloy does not accept it: `logging` or `tracing` inside `declare` or `foreach`, `argument`/`export` outside a module, an attribute at the top level.',
  },
  'self-monitoring-metrics': {
    defaultSeverity: 'information',
    summary:
      "No `prometheus.exporter.self` component, or none whose targets are scraped into a metrics backend: Alloy's own metrics are not collected. (Applies to root configurations with components; not to modules.)",
    description:
      "No `prometheus.exporter.self` component, or its metrics reach no metrics backend: Alloy's own metrics are not collected.",
  },
  'self-monitoring-logs': {
    defaultSeverity: 'information',
    summary:
      "No `logging` block, one without `write_to`, or one whose `write_to` reaches no logs backend (through any chain of processors and relabels): Alloy's own logs only go to stderr.",
    description: "No `logging` block whose `write_to` reaches a logs backend: Alloy's own logs only go to stderr.",
  },
  'self-monitoring-traces': {
    defaultSeverity: 'information',
    summary:
      'No `tracing` block, one without `write_to` or whose `write_to` reaches no backend that takes traces (every trace is dropped), or `sampling_fraction = 0`.',
    description:
      'No `tracing` block whose `write_to` reaches a traces backend (every trace is dropped), or `sampling_fraction = 0`.',
  },
  'unwired-exporter': {
    defaultSeverity: 'warning',
    summary:
      'An exporter or sink that nothing uses: a `prometheus.exporter.*` whose `targets` nobody scrapes, an `otelcol.exporter.*` whose `input` nothing sends to (`tracing.write_to` counts), a `loki.write`, `prometheus.remote_write` or `pyroscope.write` whose `receiver` nothing forwards to.',
    description:
      'An exporter or writer whose export nothing uses, such as a `prometheus.exporter.*` whose `targets` nobody scrapes or a `loki.write` nothing forwards to.',
  },
  'undefined-reference': {
    defaultSeverity: 'error',
    summary:
      'A reference such as `loki.write.default.receiver` to a component that is not defined. Names from `import.*`, `declare`, `argument` and `foreach` count as defined.',
    description: 'A reference such as `loki.write.default.receiver` to a component that is not defined.',
  },
  'wrong-receiver': {
    defaultSeverity: 'error',
    summary:
      '`logging.write_to` given something that is not a logs receiver, `tracing.write_to` something that is not an OpenTelemetry consumer, `prometheus.scrape.forward_to` something that is not a metrics receiver.',
    description:
      'The wrong kind of receiver: a logs receiver where metrics are expected, something that is not an OpenTelemetry consumer in `tracing.write_to`, and so on.',
  },
  'signal-not-accepted': {
    defaultSeverity: 'warning',
    summary:
      'A connection whose target does not take the signal sent to it, such as traces sent to `otelcol.exporter.syslog` (logs only) or `otelcol.exporter.prometheus` (metrics only): the data is dropped there.',
    description:
      'A connection whose target does not take the signal sent to it, such as traces sent to `otelcol.exporter.syslog` (logs only): the data is dropped there.',
  },
  'signal-dead-end': {
    defaultSeverity: 'warning',
    summary:
      'Data enters a component that passes data on (a processor, a relabel, a converting receiver, a connector) and goes nowhere: its `forward_to` is empty, or its `output` block has no list for that signal.',
    description:
      'Data enters a component that passes data on (a processor, a relabel, a connector) and goes nowhere: an empty `forward_to`, or no `output` list for that signal.',
  },
  'deprecated-function': {
    defaultSeverity: 'warning',
    summary: 'A deprecated standard-library function, such as `env`; the message names its replacement (`sys.env`).',
    description: 'A deprecated standard-library function such as `env`; the message names its replacement (`sys.env`).',
  },
  'hardcoded-secret': {
    defaultSeverity: 'warning',
    summary:
      'A password, API key or token given as a string literal; read it with `sys.env("...")` or from a secret export such as `local.file`.',
    description:
      'A password, API key or token written as a string literal; read it with `sys.env("...")` or from a secret export instead.',
  },
  'unknown-component': {
    defaultSeverity: 'error',
    summary:
      'A block name that is not a component, a config block, a custom component (`declare` in scope) or an `import.*` namespace; names of other Alloy releases get the release that added or removed them. Quick fix: the nearest name.',
    description:
      'A block name that is not a component, config block, custom component or import namespace (names of other Alloy releases get the release that added or removed them).',
  },
  'unknown-attribute': {
    defaultSeverity: 'error',
    summary:
      'An argument the component, nested block, config block or custom component does not have (a misspelt name, or one of another Alloy release). Quick fix: rename to the nearest argument.',
    description: 'An argument the component, nested block, config block or custom component does not have.',
  },
  'unknown-block': {
    defaultSeverity: 'error',
    summary:
      'A nested block the component, block or config block does not have (at every depth), or any block inside a custom-component instance. Quick fix: rename to the nearest block.',
    description: 'A nested block the component, block or config block does not have, at any depth.',
  },
  'missing-required': {
    defaultSeverity: 'error',
    summary:
      "A required argument or block that is missing (the docs' required ones, not the conditional ones; for custom components, `argument` blocks without `optional = true`). Quick fix: insert it with a placeholder of its type.",
    description:
      'A required argument or block that is missing (not the conditional ones; for custom components, `argument` blocks without `optional = true`).',
  },
  'type-mismatch': {
    defaultSeverity: 'error',
    summary:
      'A literal value Alloy cannot convert to the argument\'s type (a string for a bool, `"5x"` for a duration, a list for a string, ...), by Alloy\'s conversion rules; nothing where the type is `any` or unknown.',
    description: "A literal value Alloy cannot convert to the argument's type.",
  },
  'duplicate-attribute': {
    defaultSeverity: 'error',
    summary: 'The same attribute twice in one block (at any depth); Alloy refuses the configuration.',
    description: 'The same attribute twice in one block.',
  },
  'unknown-function': {
    defaultSeverity: 'error',
    summary:
      'A call of a function the standard library does not have (`string.fromat(...)`), or with the wrong number of arguments (`sys.env("A", "B")`).',
    description: 'A call of a function the standard library does not have, or with the wrong number of arguments.',
  },
  'unknown-export': {
    defaultSeverity: 'error',
    summary:
      'A reference to an export the component does not have (`prometheus.exporter.self.default.target`); the message lists the exports it has.',
    description: 'A reference to an export the component does not have.',
  },
  'reference-cycle': {
    defaultSeverity: 'error',
    summary: 'Components that reference each other in a cycle; Alloy refuses to load the configuration.',
    description: 'Components that reference each other in a cycle.',
  },
} as const satisfies Record<string, RuleMetadata>;

/** A rule's stable code (`Diagnostic.code`). Changing one is a breaking change. */
export type RuleCode = keyof typeof RULE_METADATA;

/** Every rule's code, in the order of the README's table and the settings schema. */
export const RULE_CODES = Object.keys(RULE_METADATA) as RuleCode[];

export function ruleMetadata(code: RuleCode): RuleMetadata {
  return RULE_METADATA[code];
}
