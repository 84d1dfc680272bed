/**
 * Entry point of the extension-host suite (`extensionTestsPath`). VS Code, or
 * code-server through scripts/editor-tests/run-code-server.mjs, loads this
 * module inside the extension host and awaits run(); a rejection makes the
 * host exit with a non-zero code.
 */
import Mocha from 'mocha';
import path from 'node:path';
import * as vscode from 'vscode';

/** Suites in the order they run: activation first, so later failures are not blamed on a dead client. */
const SUITES = [
  'activation.test.js',
  'diagnostics.test.js',
  'quick-fix.test.js',
  'source-action.test.js',
  'commands.test.js',
  'format.test.js',
  'snippets.test.js',
  'graph.test.js',
  'completion.test.js',
];

export function run(): Promise<void> {
  // The code-server runner echoes the host's console from this line on.
  console.log(
    `Alloy Analyzer extension-host suite: VS Code ${vscode.version} (${vscode.env.appName}, ` +
      `${vscode.env.remoteName ? `remote ${vscode.env.remoteName}` : 'local'} extension host, Node ${process.versions.node})`,
  );
  const grep = process.env.ALLOY_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000, grep });
  for (const suite of SUITES) mocha.addFile(path.join(__dirname, suite));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (err) {
      console.log('0 passed, 1 failed');
      reject(err);
    }
  });
}
