/** Names the extension's manifest (package.json) and its code share. */
import { SHOW_REFERENCES_COMMAND } from '../../server/src/protocol';

/** Language id of `*.alloy` files: the one Grafana's own extension uses, so both can be installed side by side. */
export const LANGUAGE_ID = 'grafana-alloy';

/** Settings section, and the id of the language client (which reads `alloy.trace.server`). */
export const CONFIG_SECTION = 'alloy';

/** Name of the output channel the client and the server log to. */
export const OUTPUT_CHANNEL_NAME = 'Alloy';

/** The commands the extension contributes. */
export const COMMANDS = {
  addSelfMonitoring: 'alloy.addSelfMonitoring',
  restartServer: 'alloy.restartServer',
  showOutput: 'alloy.showOutput',
  showPipelineGraph: 'alloy.showPipelineGraph',
  showReferences: SHOW_REFERENCES_COMMAND,
} as const;

/** At most this many automatic restarts of a crashing server within {@link RESTART_WINDOW_MS}. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
