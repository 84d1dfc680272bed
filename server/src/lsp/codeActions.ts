/** Code actions (quick fixes, the self-monitoring source action) and the server's commands. */
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { ADD_SELF_MONITORING_TITLE, addSelfMonitoring, fixesFor } from '../fixes/actions';
import { fixContext, type FixContext } from '../fixes/context';
import type { FileEdit } from '../fixes/edits';
import {
  ADD_SELF_MONITORING_COMMAND,
  ADD_SELF_MONITORING_KIND,
  DIAGNOSTIC_SOURCE,
  SIGNALS,
  type AddSelfMonitoringArgs,
} from '../protocol';
import { DESTINATIONS } from '../settings';
import type { ServerState } from './state';

/** The result of ADD_SELF_MONITORING_COMMAND. */
export interface AddSelfMonitoringResult {
  applied: boolean;
  /** The signals whose missing parts were inserted. */
  signals: string[];
  message?: string;
}

/** Whether a requested kind (`only`) selects `kind`: equal, or a parent such as `source` of `source.x`. */
function selects(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

export function registerCodeActions(state: ServerState): void {
  const { connection, workspace } = state;

  /** The configuration of an open document, analysed, with a fix context for that document. */
  function analyseOpen(uri: string) {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    const result = state.analysisOf(uri);
    const ctx = fixContext(
      result.configuration,
      uri,
      result.settings.selfMonitoring,
      doc.tree.language,
      undefined,
      result.settings.version,
    );
    return ctx ? { result, ctx } : undefined;
  }

  /** LSP edits grouped by document; undefined when an edited document is unknown. */
  function workspaceEdit(edits: FileEdit[]): WorkspaceEdit | undefined {
    const changes: Record<string, TextEdit[]> = {};
    for (const e of edits) {
      const doc = workspace.document(e.uri);
      if (!doc) return undefined;
      (changes[e.uri] ??= []).push({ range: doc.lines.rangeOf(e), newText: e.text });
    }
    return { changes };
  }

  connection.onCodeAction((params) => {
    const uri = params.textDocument.uri;
    const doc = workspace.open.get(uri);
    const analysed = analyseOpen(uri);
    if (!doc || !analysed) return [];
    const { result, ctx } = analysed;
    const only = params.context.only;
    const actions: CodeAction[] = [];

    if (selects(only, CodeActionKind.QuickFix)) {
      const findings = result.findingsOf(uri);
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const { start, end } = doc.lines.spanOf(diagnostic.range);
        // Fix what the server sees now; a diagnostic of an older version has no match and gets no fix.
        const finding = findings.find(
          (f) => f.code === diagnostic.code && f.span.start === start && f.span.end === end,
        );
        if (!finding) continue;
        for (const fix of fixesFor(finding, ctx)) {
          const edit = workspaceEdit(fix.edits);
          if (!edit) continue;
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic as Diagnostic],
            isPreferred: fix.isPreferred,
            edit,
          });
        }
      }
    }

    if (selects(only, ADD_SELF_MONITORING_KIND)) {
      const added = addSelfMonitoring(ctx);
      const edit = added && workspaceEdit(added.edits);
      if (edit) actions.push({ title: ADD_SELF_MONITORING_TITLE, kind: ADD_SELF_MONITORING_KIND, edit });
    }
    return actions;
  });

  connection.onExecuteCommand(async (params): Promise<AddSelfMonitoringResult> => {
    if (params.command !== ADD_SELF_MONITORING_COMMAND) {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown command '${params.command}'`);
    }
    const raw = (params.arguments?.[0] ?? {}) as Partial<AddSelfMonitoringArgs>;
    if (typeof raw.uri !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, `${ADD_SELF_MONITORING_COMMAND} needs { uri }`);
    }
    const destination = DESTINATIONS.find((d) => d === raw.destination) ?? state.settings.selfMonitoring.destination;
    if (raw.destination !== undefined && raw.destination !== destination) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `unknown destination '${String(raw.destination)}' (use ${DESTINATIONS.join(', ')})`,
      );
    }
    const signals = Array.isArray(raw.signals) ? SIGNALS.filter((s) => raw.signals!.includes(s)) : [...SIGNALS];
    const analysed = analyseOpen(raw.uri);
    if (!analysed) throw new ResponseError(ErrorCodes.InvalidParams, `${raw.uri} is not open`);
    const ctx: FixContext = analysed.ctx;
    const config = ctx.configuration;
    if (config.hasSyntaxErrors || config.isModule) {
      const message = config.isModule
        ? 'this file is a module: self-monitoring belongs in the root configuration'
        : 'fix the syntax errors first';
      return { applied: false, signals: [], message };
    }
    const added = addSelfMonitoring(ctx, signals, destination);
    if (!added) return { applied: false, signals: [], message: 'nothing to add: the requested signals are present' };
    const edit = workspaceEdit(added.edits);
    if (!edit) return { applied: false, signals: [], message: 'a document to edit is not available' };
    const response = await connection.workspace.applyEdit({ label: ADD_SELF_MONITORING_TITLE, edit });
    return {
      applied: response.applied,
      signals: response.applied ? added.signals : [],
      message: response.failureReason,
    };
  });
}
