import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SELF_MONITORING_CODES,
  activateExtension,
  applyCodeAction,
  codeActions,
  codeOf,
  describe,
  isSelfMonitoring,
  openWithoutSelfMonitoring,
  waitForDiagnostics,
} from './helpers';

/**
 * The three self-monitoring notes share one range (the first component), so VS Code passes all three as the
 * context of a code-action request there, and the API does not say which diagnostic an action belongs to.
 * Each preferred quick fix is therefore applied to a fresh copy of the file, and the note it removes is observed.
 */
async function preferredQuickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await codeActions(uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter(
    (a) => a.isPreferred && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind),
  );
}

async function openWithNotes(name: string): Promise<{ uri: vscode.Uri; notes: vscode.Diagnostic[] }> {
  const { uri, diagnostics } = await openWithoutSelfMonitoring(name);
  return { uri, notes: diagnostics.filter(isSelfMonitoring) };
}

suite('quick fix', () => {
  const removedBy: string[][] = [];

  suiteSetup(async () => {
    await activateExtension();
  });

  test('each self-monitoring note has exactly one preferred quick fix', async () => {
    const { uri, notes } = await openWithNotes('quick-fix.alloy');
    const fixes = await preferredQuickFixes(uri, notes[0].range);
    const atRange = notes.filter((d) => d.range.isEqual(notes[0].range));
    assert.equal(
      fixes.length,
      atRange.length,
      `${atRange.length} notes at ${describe(atRange)}, preferred quick fixes: ${fixes.map((a) => a.title).join(' | ')}`,
    );
  });

  for (const index of [0, 1, 2]) {
    test(`preferred quick fix #${index + 1} removes exactly one note and introduces no error`, async () => {
      const { uri, notes } = await openWithNotes(`quick-fix-${index + 1}.alloy`);
      const fixes = await preferredQuickFixes(uri, notes[0].range);
      const fix = fixes[index];
      assert.ok(fix, `only ${fixes.length} preferred quick fixes: ${fixes.map((a) => a.title).join(' | ')}`);
      assert.ok(fix.edit, `'${fix.title}' has no edit`);

      await applyCodeAction(fix);
      const after = await waitForDiagnostics(
        uri,
        (ds) => ds.filter(isSelfMonitoring).length < notes.length,
        `'${fix.title}' to remove a note`,
      );
      const remaining = after.filter(isSelfMonitoring).map(codeOf);
      const removed = SELF_MONITORING_CODES.filter((c) => !remaining.includes(c));
      removedBy[index] = removed;
      assert.equal(removed.length, 1, `'${fix.title}' removed ${removed.join(', ')}: ${describe(after)}`);
      assert.deepEqual(
        after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
        [],
        `'${fix.title}' introduced errors: ${describe(after)}`,
      );
    });
  }

  test('together the preferred quick fixes cover metrics, logs and traces', () => {
    assert.deepEqual(removedBy.flat().sort(), [...SELF_MONITORING_CODES].sort());
  });
});
