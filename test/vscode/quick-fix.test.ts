import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SELF_MONITORING_CODES,
  activateExtension,
  applyCodeAction,
  codeOf,
  copyFixture,
  describe,
  openEditor,
  waitForCodes,
  waitForCodesGone,
} from './helpers';

suite('quick fix', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  for (const code of SELF_MONITORING_CODES) {
    test(`the preferred quick fix of ${code} removes it and only it`, async () => {
      const uri = await copyFixture('no-self-monitoring.alloy', `quick-fix-${code}.alloy`);
      await openEditor(uri);
      const diagnostics = await waitForCodes(uri, SELF_MONITORING_CODES);
      const target = diagnostics.find((d) => codeOf(d) === code);
      assert.ok(target);

      // Resolve every action so that lazily computed edits are filled in, as the light bulb does.
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          target.range,
          vscode.CodeActionKind.QuickFix.value,
          100,
        )) ?? [];
      const fixes = actions.filter(
        (a) =>
          a.kind !== undefined &&
          vscode.CodeActionKind.QuickFix.contains(a.kind) &&
          (a.diagnostics ?? []).some((d) => codeOf(d) === code),
      );
      assert.ok(fixes.length > 0, `no quick fix for ${code}; actions: ${actions.map((a) => a.title).join(' | ')}`);
      const preferred = fixes.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `expected one preferred fix: ${fixes.map((a) => a.title).join(' | ')}`);

      await applyCodeAction(preferred[0]);
      const after = await waitForCodesGone(uri, [code]);
      const others = SELF_MONITORING_CODES.filter((c) => c !== code);
      assert.deepEqual(
        others.filter((c) => after.some((d) => codeOf(d) === c)),
        others,
        `the fix for ${code} also touched other signals: ${describe(after)}`,
      );
      assert.deepEqual(
        after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
        [],
        `the fix introduced errors: ${describe(after)}`,
      );
    });
  }
});
