#!/usr/bin/env node
// `npm run test:vscode`: the extension-host suite in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (or that have it: --code PATH or VSCODE_EXECUTABLE_PATH). Where VS Code cannot be downloaded
// it stops within seconds with a clear message; `npm run test:editors` runs the same suite in code-server instead.
//
//   node scripts/editor-tests/run-electron.mjs [--code PATH] [--version stable|1.95.0|...] [--grep TEXT]
//
// On Linux without a display, run it under xvfb-run. Prints the mocha output and a closing `N passed, N failed`.
import fs from 'node:fs';
import path from 'node:path';
import {
  BASE_SETTINGS,
  SUITE_PATH,
  WORKSPACE_FIXTURE,
  editorDirArgs,
  failWith,
  makeRunDir,
  parseOptions,
  root,
} from './lib.mjs';

const opts = parseOptions({
  code: { type: 'string', default: process.env.VSCODE_EXECUTABLE_PATH },
  version: { type: 'string', default: process.env.VSCODE_VERSION ?? 'stable' },
  grep: { type: 'string' },
  'download-timeout-ms': { type: 'string', default: '15000' },
});

const fail = failWith('test:vscode');

if (!fs.existsSync(SUITE_PATH)) fail('the suite is not compiled: run npx tsc -b');
if (!fs.existsSync(path.join(root, 'client', 'dist', 'extension.js')))
  fail('the extension is not built: run npm run build');

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

let vscodeExecutablePath = opts.code;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: opts.version,
      cachePath: path.join(root, '.e2e', 'vscode-test'),
      timeout: Number(opts['download-timeout-ms']),
    });
  } catch (err) {
    fail(
      `could not download VS Code ${opts.version} (${err instanceof Error ? err.message : String(err)}).\n` +
        'This machine cannot reach update.code.visualstudio.com. Point --code (or VSCODE_EXECUTABLE_PATH) at an ' +
        'installed VS Code, or run the same suite in code-server: npm run test:editors ' +
        '(or node scripts/editor-tests/run-code-server.mjs).',
    );
  }
}

const { dir, workspace } = makeRunDir('alloy-vscode-test-', {
  fixture: WORKSPACE_FIXTURE,
  settings: BASE_SETTINGS,
  dirs: ['user-data/User'],
});

let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: SUITE_PATH,
    extensionTestsEnv: opts.grep ? { ALLOY_TEST_GREP: opts.grep } : undefined,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      ...editorDirArgs(dir),
    ],
  });
} catch (err) {
  // runTests rejects when the tests fail or VS Code cannot start; the suite has printed its own tally if it ran.
  console.error(`test:vscode: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
}
if (code === 0) fs.rmSync(dir, { recursive: true, force: true });
else console.error(`test:vscode: files kept in ${dir}`);
process.exit(code === 0 ? 0 : 1);
