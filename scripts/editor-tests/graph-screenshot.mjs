#!/usr/bin/env node
// Takes the README's picture of the pipeline graph view: the extension (this checkout) in code-server, a real
// configuration of the corpus open, "Alloy: Show Pipeline Graph" run from the command palette; headless Chromium
// saves the window to docs/graph-view.png.
//
//   node scripts/editor-tests/graph-screenshot.mjs [--file CORPUS_FILE] [--out PNG] [--keep]
//
// Needs scripts/editor-tests/install.sh, `npm run build` and ../shared/corpus.
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_OPTIONS,
  CODE_SERVER_SETTINGS,
  failWith,
  loadChromium,
  makeRunDir,
  parseOptions,
  root,
  startCodeServer,
  stopwatch,
} from './lib.mjs';

const opts = parseOptions({
  ...CODE_SERVER_OPTIONS,
  file: {
    type: 'string',
    default: path.join(
      root,
      '..',
      'shared',
      'corpus',
      'real',
      'valid',
      'alloy__example__docker-compose__config__alloy__config.alloy',
    ),
  },
  out: { type: 'string', default: path.join(root, 'docs', 'graph-view.png') },
});
const lap = stopwatch('graph-screenshot');
const fail = failWith('graph-screenshot');
if (!fs.existsSync(opts.file)) fail(`${opts.file} not found`);
const chromium = await loadChromium();
if (!chromium) fail('playwright-core is not installed: run npm install');

const fixture = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'alloy-graph-shot-'));
const NAME = 'config.alloy';
fs.copyFileSync(opts.file, path.join(fixture, NAME));
const { dir, workspace } = makeRunDir('alloy-graph-screenshot-', {
  fixture,
  settings: {
    ...CODE_SERVER_SETTINGS,
    'workbench.tips.enabled': false,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
  },
});
const server = await startCodeServer({
  bin: opts['code-server'],
  nodeBin: opts['node-bin'],
  dir,
  // Loads this checkout as a development extension (the payload below), as run-code-server.mjs does.
  args: ['--vscode-option', 'enable-smoke-test-driver'],
});
if (!(await server.waitUntilListening(Date.now() + 30_000))) fail(`code-server did not start; see ${server.logFile}`);
try {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(root)]];
  const browser = await server.openBrowser(chromium, opts.chromium);
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  await page.goto(
    `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
  lap('workbench loaded');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(NAME);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: NAME }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: NAME }).waitFor({ timeout: 60_000 });
  // The language server is up once the editor shows its diagnostics.
  await page
    .locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info')
    .first()
    .waitFor({ state: 'attached', timeout: 120_000 })
    .catch(() => undefined);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Alloy: Show Pipeline Graph');
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Pipeline Graph' })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  // The webview's page is in nested frames: wait until it has drawn its nodes.
  const deadline = Date.now() + 120_000;
  let drawn = 0;
  while (Date.now() < deadline && drawn === 0) {
    for (const frame of page.frames()) {
      drawn = Math.max(
        drawn,
        await frame
          .locator('g[data-node]')
          .count()
          .catch(() => 0),
      );
    }
    if (drawn === 0) await page.waitForTimeout(500);
  }
  if (drawn === 0) fail('the graph view drew no nodes');
  lap(`graph drawn (${drawn} nodes)`);
  await page.waitForTimeout(1500);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  await page.screenshot({ path: opts.out });
  lap(`saved ${path.relative(root, opts.out)}`);
} finally {
  await server.stop();
  if (!opts.keep) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(fixture, { recursive: true, force: true });
  }
}
