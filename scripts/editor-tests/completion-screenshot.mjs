#!/usr/bin/env node
// The README's completion screenshot, taken from the packaged extension as a person meets it: installs
// alloy-analyzer.vsix into a private code-server, opens test/fixtures/editors/workspace/completion.alloy in headless
// Chromium, types a component name up to its namespace dot and waits for the suggestion list, with the details of
// the selected item. Writes docs/completion.png (or --screenshot FILE).
//
//   npm run package && node scripts/editor-tests/completion-screenshot.mjs [--vsix FILE] [--screenshot FILE] [--keep]
//
// Exits non-zero when the list does not show the components of the namespace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_OPTIONS,
  CODE_SERVER_SETTINGS,
  codeServerDirArgs,
  codeServerEnv,
  loadChromium,
  makeRunDir,
  parseOptions,
  printTally,
  root,
  startCodeServer,
  stopwatch,
} from './lib.mjs';

const opts = parseOptions({
  vsix: { type: 'string', default: path.join(root, 'alloy-analyzer.vsix') },
  ...CODE_SERVER_OPTIONS,
  screenshot: { type: 'string', default: path.join(root, 'docs', 'completion.png') },
  'timeout-ms': { type: 'string', default: '120000' },
});

const FIXTURE_DIR = path.join(root, 'test', 'fixtures', 'editors', 'workspace');
const FILE = 'completion.alloy';

const lap = stopwatch('completion-screenshot');
const deadline = Date.now() + Number(opts['timeout-ms']);
const remaining = () => Math.max(1000, deadline - Date.now());
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `: ${detail}` : ''}`);
  return ok;
}
function finish() {
  printTally(passed, failed);
  process.exit(failed === 0 ? 0 : 1);
}

const vsix = path.resolve(opts.vsix);
for (const [what, file, hint] of [
  ['the package', vsix, 'run npm run package'],
  ['code-server', opts['code-server'], 'run scripts/editor-tests/install.sh'],
  ['Chromium', opts.chromium, 'run scripts/editor-tests/install.sh'],
]) {
  if (!check(`${what} exists`, fs.existsSync(file), `${path.relative(root, file) || file} is missing: ${hint}`))
    finish();
}
const chromium = await loadChromium();
if (!chromium) {
  check('playwright-core is installed', false, 'run npm install');
  finish();
}

const { dir, workspace } = makeRunDir('alloy-completion-shot-', {
  fixture: FIXTURE_DIR,
  settings: {
    ...CODE_SERVER_SETTINGS,
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
    'editor.suggest.showStatusBar': true,
  },
});
const csEnv = codeServerEnv(dir, opts['node-bin']);
const install = spawnSync(opts['code-server'], [...codeServerDirArgs(dir), '--install-extension', vsix], {
  env: csEnv,
  encoding: 'utf8',
  timeout: remaining(),
});
check('code-server --install-extension accepts the package', install.status === 0, (install.stderr || '').trim());

const server = await startCodeServer({ bin: opts['code-server'], nodeBin: opts['node-bin'], dir });
if (!(await server.waitUntilListening(deadline))) {
  check('code-server starts', false, `see ${server.logFile}`);
  await server.stop();
  finish();
}
try {
  const browser = await server.openBrowser(chromium, opts.chromium);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: remaining() });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: remaining() });
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor({ timeout: remaining() });
  await quickInput.fill(FILE);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: FILE })
    .first()
    .waitFor({ timeout: remaining() });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ timeout: remaining() });
  // Wait for the server (the language status shows Alloy), then type at the end of the file.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('prometheus.', { delay: 60 });
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'prometheus.' });
  let shown = await row
    .first()
    .waitFor({ timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  if (!shown) {
    // The language server may still be starting: ask again.
    await page.keyboard.press('Control+Space');
    shown = await row
      .first()
      .waitFor({ timeout: remaining() })
      .then(
        () => true,
        () => false,
      );
  }
  check('the suggestion list shows prometheus.* components', shown);
  await page.keyboard.type('sc', { delay: 60 });
  const scrape = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'prometheus.scrape' });
  check(
    'typing narrows it to prometheus.scrape',
    await scrape.waitFor({ timeout: remaining() }).then(
      () => true,
      () => false,
    ),
  );
  // Show the selected item's details (required arguments, exports, docs link) beside the list.
  await page.keyboard.press('Control+Space');
  const details = page.locator('.suggest-details-container .docs', { hasText: 'Reference documentation' });
  check(
    'the details show the required arguments and the docs link',
    await details
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      ),
  );
  fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
  await page.screenshot({ path: opts.screenshot });
  lap(`screenshot: ${path.relative(process.cwd(), opts.screenshot)}`);
} catch (err) {
  check('the browser session runs to the end', false, err instanceof Error ? err.message.split('\n')[0] : String(err));
}
await server.stop();
if (failed === 0 && !opts.keep) fs.rmSync(dir, { recursive: true, force: true });
finish();
