#!/usr/bin/env node
// Runs the extension-host suite (out/test/vscode/index.js) inside a real VS Code served by code-server and driven by
// headless Chromium: the equivalent of @vscode/test-electron's runTests() on machines that cannot download VS Code.
//
//   node scripts/editor-tests/run-code-server.mjs [--grep TEXT] [--timeout-ms N] [--keep]
//        [--extension-development-path DIR] [--extension-tests-path FILE.js] [--workspace DIR]
//
// Prints the mocha output and exits with the suite's result (0 = all passed). Everything it writes (user data,
// extensions, temp files, the workspace copy the tests edit) goes to a private directory under os.tmpdir(), which is
// removed after a passing run unless --keep is given. Needs scripts/editor-tests/install.sh and a build
// (`npm run build && npx tsc -b`) first.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import {
  CODE_SERVER_OPTIONS,
  CODE_SERVER_SETTINGS,
  SUITE_PATH,
  WORKSPACE_FIXTURE,
  failWith,
  loadChromium,
  makeRunDir,
  parseOptions,
  root,
  startCodeServer,
  stopwatch,
} from './lib.mjs';

const opts = parseOptions({
  'extension-development-path': { type: 'string', default: root },
  'extension-tests-path': { type: 'string', default: SUITE_PATH },
  workspace: { type: 'string', default: WORKSPACE_FIXTURE },
  ...CODE_SERVER_OPTIONS,
  'timeout-ms': { type: 'string', default: '300000' },
  grep: { type: 'string' },
});

const lap = stopwatch('code-server-test');
const fail = failWith('run-code-server');

const extensionDevelopmentPath = path.resolve(opts['extension-development-path']);
const extensionTestsPath = path.resolve(opts['extension-tests-path']);
for (const [what, file, hint] of [
  ['code-server', opts['code-server'], 'run scripts/editor-tests/install.sh'],
  ['Node 24', path.join(opts['node-bin'], 'node'), 'run scripts/editor-tests/install.sh'],
  ['Chromium', opts.chromium, 'run scripts/editor-tests/install.sh (Debian package chromium)'],
  ['the compiled suite', extensionTestsPath, 'run npx tsc -b'],
  ['the extension bundle', path.join(extensionDevelopmentPath, 'client', 'dist', 'extension.js'), 'run npm run build'],
]) {
  if (!fs.existsSync(file)) fail(`${what} not found at ${path.relative(process.cwd(), file) || file}: ${hint}`);
}

const chromium = await loadChromium();
if (!chromium) fail('playwright-core is not installed: run npm install');

const { dir, workspace } = makeRunDir('alloy-code-server-test-', {
  fixture: path.resolve(opts.workspace),
  settings: { ...CODE_SERVER_SETTINGS, 'editor.formatOnSave': false, 'files.autoSave': 'off' },
});

const server = await startCodeServer({
  bin: opts['code-server'],
  nodeBin: opts['node-bin'],
  dir,
  args: ['--vscode-option', 'enable-smoke-test-driver'],
  env: opts.grep ? { ALLOY_TEST_GREP: opts.grep } : {},
});
const { child: cs, base, logFile: csLogFile } = server;
if (!(await server.waitUntilListening(Date.now() + 30_000))) {
  await server.stop();
  fail(`code-server did not start; see ${csLogFile}`);
}
lap(`code-server (pid ${cs.pid}) listening on ${base}; run directory ${dir}`);

const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
  ['extensionTestsPath', remote(extensionTestsPath)],
];
const browser = await server.openBrowser(chromium, opts.chromium);
const page = await (await browser.newContext()).newPage();
const workbenchLog = path.join(dir, 'workbench.log');
const SUITE_BANNER = 'Alloy Analyzer extension-host suite';
let echo = false;
let summary;
let settled = false;
const code = await new Promise((settle) => {
  const resolve = (c) => {
    settled = true;
    settle(c);
  };
  const timer = setTimeout(() => {
    lap(`TIMEOUT after ${opts['timeout-ms']} ms`);
    resolve(124);
  }, Number(opts['timeout-ms']));
  cs.once('exit', (c) => {
    if (settled) return;
    clearTimeout(timer);
    lap(`code-server exited early (code ${c}); see ${csLogFile}`);
    resolve(1);
  });
  (async () => {
    // The workbench calls these when it runs with enable-smoke-test-driver and a test payload.
    // The workbench forwards its own console and the extension host's through this hook. Everything goes to
    // workbench.log; the terminal gets what follows the suite's first line, minus failed marketplace look-ups.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // console.* arguments arrive as they were passed, format string first.
      const line = format(...(Array.isArray(args) ? args : [args]));
      fs.appendFileSync(workbenchLog, `[${type}] ${line}\n`);
      if (!echo && line.includes(SUITE_BANNER)) echo = true;
      if (!echo || /getaddrinfo ENOTFOUND/.test(line)) return;
      if (/^\d+ passed, \d+ failed$/.test(line.trim())) summary = line.trim();
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
  })().catch((err) => {
    clearTimeout(timer);
    lap(`browser error: ${err.message}`);
    resolve(1);
  });
});
lap(`extension host exited with code ${code}`);
await server.stop();

if (code !== 0) {
  const logs = path.join(dir, 'user-data', 'logs');
  console.log(`logs: ${logs} (exthost*/ holds one file per output channel), ${workbenchLog} and ${csLogFile}`);
}
// The suite prints its own tally; if it never got that far, count the run as one failure.
if (!summary || (code !== 0 && /^\d+ passed, 0 failed$/.test(summary)))
  summary = `${summary ? summary.split(' ')[0] : 0} passed, 1 failed`;
console.log(summary);
if (code === 0 && !opts.keep) fs.rmSync(dir, { recursive: true, force: true });
process.exit(code === 0 ? 0 : 1);
