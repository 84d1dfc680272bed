#!/usr/bin/env node
// Black-box check of the packaged extension, as a person would meet it: installs alloy-analyzer.vsix into a private
// code-server, opens a broken configuration in headless Chromium, opens the Problems panel and waits until it lists
// the expected problems and the editor shows squiggles. Saves a screenshot to test-results/vsix-problems.png.
//
//   node scripts/editor-tests/vsix-check.mjs [--vsix FILE] [--timeout-ms N] [--keep]
//
// Prints one line per check and a closing `N passed, N failed`; exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string', default: path.join(root, 'alloy-analyzer.vsix') },
    'code-server': {
      type: 'string',
      default: path.join(root, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server'),
    },
    'node-bin': { type: 'string', default: path.join(root, '.e2e', 'node24', 'node_modules', '.bin') },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    screenshot: { type: 'string', default: path.join(root, 'test-results', 'vsix-problems.png') },
    'timeout-ms': { type: 'string', default: '120000' },
    keep: { type: 'boolean', default: false },
  },
});

const FIXTURE_DIR = path.join(root, 'test', 'fixtures', 'editors', 'vsix');
const FILE = 'broken.alloy';
// What a person must see for broken.alloy whatever else the analyzer reports.
const EXPECTED_CODES = ['duplicate-block', 'self-monitoring-metrics', 'self-monitoring-traces'];

const t0 = Date.now();
const deadline = t0 + Number(opts['timeout-ms']);
const remaining = () => Math.max(1000, deadline - Date.now());
const lap = (msg) => console.log(`[vsix-check ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `: ${detail}` : ''}`);
  return ok;
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const vsix = path.resolve(opts.vsix);
const prerequisites = [
  ['the package', vsix, 'run npm run package'],
  ['code-server', opts['code-server'], 'run scripts/editor-tests/install.sh'],
  ['Chromium', opts.chromium, 'run scripts/editor-tests/install.sh'],
];
for (const [what, file, hint] of prerequisites) {
  if (!check(`${what} exists`, fs.existsSync(file), `${path.relative(root, file) || file} is missing: ${hint}`))
    finish();
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  check('playwright-core is installed', false, 'run npm install');
  finish();
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`.toLowerCase();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-vsix-check-'));
for (const d of ['user-data/User', 'extensions', 'tmp', 'xdg-config', 'xdg-data', 'chromium-xdg']) {
  fs.mkdirSync(path.join(dir, d), { recursive: true });
}
fs.writeFileSync(
  path.join(dir, 'user-data', 'User', 'settings.json'),
  JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
  }),
);
const workspace = path.join(dir, 'workspace');
fs.cpSync(FIXTURE_DIR, workspace, { recursive: true });
const csEnv = {
  ...process.env,
  PATH: `${opts['node-bin']}${path.delimiter}${process.env.PATH}`,
  TMPDIR: path.join(dir, 'tmp'),
  XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
  XDG_DATA_HOME: path.join(dir, 'xdg-data'),
};
const csDirs = [
  '--config',
  path.join(dir, 'config.yaml'),
  '--user-data-dir',
  path.join(dir, 'user-data'),
  '--extensions-dir',
  path.join(dir, 'extensions'),
];

// 1. Install the package the way a user would.
const install = spawnSync(opts['code-server'], [...csDirs, '--install-extension', vsix], {
  env: csEnv,
  encoding: 'utf8',
  timeout: remaining(),
});
check('code-server --install-extension accepts the package', install.status === 0, (install.stderr || '').trim());
const list = spawnSync(opts['code-server'], [...csDirs, '--list-extensions'], { env: csEnv, encoding: 'utf8' });
check(
  `the installed extensions include ${extensionId}`,
  (list.stdout ?? '').toLowerCase().split('\n').includes(extensionId),
  (list.stdout ?? '').trim() || '(none)',
);
lap('installed');

// What the analyzer's command line reports for the same file: the Problems panel must list the same messages.
const cli = spawnSync(
  process.execPath,
  [path.join(root, 'server', 'dist', 'cli.js'), 'check', '--format', 'json', FILE],
  {
    cwd: workspace,
    encoding: 'utf8',
  },
);
let expectedMessages = [];
try {
  expectedMessages = JSON.parse(cli.stdout).files[0].diagnostics.map((d) => d.message);
} catch {
  check('check --format json reports broken.alloy', false, (cli.stderr || cli.stdout).trim());
}

// 2. Start code-server with only the installed package (no development path).
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const port = await freePort();
const csLogFile = path.join(dir, 'code-server.log');
const csLog = fs.openSync(csLogFile, 'w');
const cs = spawn(
  opts['code-server'],
  [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    ...csDirs,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ],
  { detached: true, stdio: ['ignore', csLog, csLog], env: csEnv },
);
const csExited = new Promise((resolve) => cs.once('exit', resolve));
// Whatever ends this process (a failure, a closed pipe), code-server and its children go with it.
process.on('exit', () => {
  if (cs.exitCode === null && cs.signalCode === null) {
    try {
      process.kill(-cs.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
});
let browser;
async function cleanUp() {
  await browser?.close().catch(() => undefined);
  if (cs.exitCode === null && cs.signalCode === null) {
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      cs.kill('SIGTERM');
    }
    if (!(await Promise.race([csExited.then(() => true), new Promise((r) => setTimeout(r, 5000, false))]))) {
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => cleanUp().finally(() => process.exit(130)));

const base = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (Date.now() > deadline || cs.exitCode !== null) {
    check('code-server starts', false, `see ${csLogFile}`);
    await cleanUp();
    finish();
  }
  await new Promise((r) => setTimeout(r, 100));
}
lap(`code-server (pid ${cs.pid}) on ${base}; run directory ${dir}`);

try {
  browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'chromium-xdg'), TMPDIR: path.join(dir, 'tmp') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: remaining() });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: remaining() });
  lap('workbench loaded');

  // 3. Open the file through Quick Open, as a person would.
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor({ timeout: remaining() });
  await quickInput.fill(FILE);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: FILE })
    .first()
    .waitFor({ timeout: remaining() });
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab', { hasText: FILE });
  check(
    `${FILE} opens in an editor`,
    await tab.waitFor({ timeout: remaining() }).then(
      () => true,
      () => false,
    ),
  );
  const language = page.locator('.statusbar-item[id="status.editor.mode"]');
  const languageName = await language.waitFor({ timeout: remaining() }).then(
    () => language.innerText(),
    () => '',
  );
  check('the status bar shows the Alloy language', /alloy/i.test(languageName), languageName || '(nothing)');

  // 4. Squiggles in the editor.
  const squiggle = async (kind) =>
    page
      .locator(`.monaco-editor .squiggly-${kind}`)
      .first()
      .waitFor({ state: 'attached', timeout: remaining() })
      .then(
        () => true,
        () => false,
      );
  check('an error squiggle appears (duplicate logging block)', await squiggle('error'));
  check('information squiggles appear (missing self-monitoring)', await squiggle('info'));

  // 5. The Problems panel lists the problems.
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: remaining() });
  const listed = await page
    .waitForFunction(
      (codes) => {
        const text = document.querySelector('.markers-panel')?.textContent ?? '';
        return codes.every((c) => text.includes(c));
      },
      EXPECTED_CODES,
      { timeout: remaining() },
    )
    .then(
      () => true,
      () => false,
    );
  const panelText = await panel.innerText().catch(() => '');
  check(
    `the Problems panel lists ${EXPECTED_CODES.join(', ')}`,
    listed,
    panelText.replace(/\s+/g, ' ').slice(0, 800) || '(empty)',
  );
  if (expectedMessages.length > 0) {
    const missing = expectedMessages.filter((m) => !panelText.includes(m));
    check('it lists every message check --format json reports', missing.length === 0, missing.join(' | '));
  }

  fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
  await page.screenshot({ path: opts.screenshot });
  lap(`screenshot: ${path.relative(process.cwd(), opts.screenshot)}`);
} catch (err) {
  check('the browser session runs to the end', false, err instanceof Error ? err.message.split('\n')[0] : String(err));
}
await cleanUp();
if (failed > 0) console.log(`logs: ${path.join(dir, 'user-data', 'logs')} and ${csLogFile}`);
else if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
finish();
