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
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    'extension-development-path': { type: 'string', default: root },
    'extension-tests-path': { type: 'string', default: path.join(root, 'out', 'test', 'vscode', 'index.js') },
    workspace: { type: 'string', default: path.join(root, 'test', 'fixtures', 'editors', 'workspace') },
    'code-server': {
      type: 'string',
      default: path.join(root, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server'),
    },
    'node-bin': { type: 'string', default: path.join(root, '.e2e', 'node24', 'node_modules', '.bin') },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    'timeout-ms': { type: 'string', default: '300000' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const t0 = Date.now();
const lap = (msg) => console.log(`[code-server-test ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const fail = (msg) => {
  console.error(`run-code-server: ${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

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

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  fail('playwright-core is not installed: run npm install');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-code-server-test-'));
for (const d of ['user-data/User', 'extensions', 'tmp', 'xdg-config', 'xdg-data', 'chromium-xdg']) {
  fs.mkdirSync(path.join(dir, d), { recursive: true });
}
fs.writeFileSync(
  path.join(dir, 'user-data', 'User', 'settings.json'),
  JSON.stringify(
    {
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'editor.formatOnSave': false,
      'files.autoSave': 'off',
    },
    null,
    2,
  ),
);
// The tests edit and create files: give them a copy of the fixture workspace.
const workspace = path.join(dir, 'workspace');
fs.cpSync(path.resolve(opts.workspace), workspace, { recursive: true });

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
    '--config',
    path.join(dir, 'config.yaml'),
    '--user-data-dir',
    path.join(dir, 'user-data'),
    '--extensions-dir',
    path.join(dir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
  ],
  {
    // Own process group, so that the server, its extension hosts and language servers can be ended together.
    detached: true,
    stdio: ['ignore', csLog, csLog],
    env: {
      ...process.env,
      PATH: `${opts['node-bin']}${path.delimiter}${process.env.PATH}`,
      TMPDIR: path.join(dir, 'tmp'),
      XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
      XDG_DATA_HOME: path.join(dir, 'xdg-data'),
      ...(opts.grep ? { ALLOY_TEST_GREP: opts.grep } : {}),
    },
  },
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
    const killed = await Promise.race([csExited.then(() => true), new Promise((r) => setTimeout(r, 5000, false))]);
    if (!killed) {
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));
}

const base = `http://127.0.0.1:${port}`;
const startDeadline = Date.now() + 30_000;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (Date.now() > startDeadline || cs.exitCode !== null) {
    await cleanUp();
    fail(`code-server did not start; see ${csLogFile}`);
  }
  await new Promise((r) => setTimeout(r, 100));
}
lap(`code-server (pid ${cs.pid}) listening on ${base}; run directory ${dir}`);

const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
  ['extensionTestsPath', remote(extensionTestsPath)],
];
browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  // Keeps Chromium's crash reports and profile out of the user's home.
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
await cleanUp();

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
