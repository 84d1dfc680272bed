// What the editor-test runners share: the repository paths, argument parsing, the closing tally, a private run
// directory with editor settings, and a private code-server driven by headless Chromium.
//   run-code-server.mjs  the extension-host suite in code-server
//   vsix-check.mjs       the packaged extension in code-server
//   run-electron.mjs     the extension-host suite in desktop VS Code (run directory and editor arguments only)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The compiled extension-host suite (`extensionTestsPath`). */
export const SUITE_PATH = path.join(root, 'out', 'test', 'vscode', 'index.js');
/** The workspace the extension-host suite opens; the runners give it a copy. */
export const WORKSPACE_FIXTURE = path.join(root, 'test', 'fixtures', 'editors', 'workspace');

/** Options of the runners that drive code-server with headless Chromium (install.sh puts both in place). */
export const CODE_SERVER_OPTIONS = {
  'code-server': {
    type: 'string',
    default: path.join(root, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server'),
  },
  'node-bin': { type: 'string', default: path.join(root, '.e2e', 'node24', 'node_modules', '.bin') },
  chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  keep: { type: 'boolean', default: false },
};

/** The command line's options (util.parseArgs `options`), unknown ones rejected. */
export function parseOptions(options) {
  return parseArgs({ options }).values;
}

/** Prints the closing `N passed, N failed` line that run-all.sh adds up. */
export function printTally(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
}

/** A function that reports `msg` on stderr as `<prefix>: msg`, counts the run as one failure and exits. */
export function failWith(prefix) {
  return (msg) => {
    console.error(`${prefix}: ${msg}`);
    printTally(0, 1);
    process.exit(1);
  };
}

/** A function that prints a progress line stamped with the seconds since it was made. */
export function stopwatch(label) {
  const t0 = Date.now();
  return (msg) => console.log(`[${label} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

/** Playwright's Chromium driver, or undefined when playwright-core is not installed. */
export async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return undefined;
  }
}

/** Settings every runner's editor starts with: nothing phones home, nothing asks for trust or shows a welcome. */
export const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
};
/** BASE_SETTINGS plus what code-server's workbench would otherwise check or offer. */
export const CODE_SERVER_SETTINGS = {
  ...BASE_SETTINGS,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
};
/** The run directory's subdirectories for code-server and Chromium (user data, extensions, temp, XDG homes). */
export const CODE_SERVER_DIRS = ['user-data/User', 'extensions', 'tmp', 'xdg-config', 'xdg-data', 'chromium-xdg'];

/**
 * A private run directory under os.tmpdir() named `prefix`XXXXXX, with the `dirs` below it, the user settings
 * `settings` and a copy of the folder `fixture` as `workspace` (the tests edit and create files there).
 */
export function makeRunDir(prefix, { fixture, settings, dirs = CODE_SERVER_DIRS }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const d of dirs) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(fixture, workspace, { recursive: true });
  return { dir, workspace };
}

/** The editor's user-data and extensions directories inside the run directory (VS Code and code-server alike). */
export function editorDirArgs(dir) {
  return ['--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')];
}

/** code-server's arguments that keep all its state (config, user data, extensions) in the run directory. */
export function codeServerDirArgs(dir) {
  return ['--config', path.join(dir, 'config.yaml'), ...editorDirArgs(dir)];
}

/** code-server's environment: Node 24 first on PATH, temp files and XDG homes in the run directory. */
export function codeServerEnv(dir, nodeBin, extra = {}) {
  return {
    ...process.env,
    PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
    TMPDIR: path.join(dir, 'tmp'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    ...extra,
  };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts code-server on a free local port with its state in the run directory `dir` and its output in
 * `dir`/code-server.log; `args` come after the common ones, `env` on top of codeServerEnv. The server runs in its own
 * process group, which goes with this process whatever ends it; SIGINT and SIGTERM stop it and exit with 130.
 * Returns a handle: `child`, `base` (its URL), `port`, `logFile`, `waitUntilListening(deadline)`,
 * `openBrowser(chromium, executablePath)` and `stop()` (closes the browser, then ends the process group).
 */
export async function startCodeServer({ bin, nodeBin, dir, args = [], env = {} }) {
  const port = await freePort();
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    bin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      ...codeServerDirArgs(dir),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...args,
    ],
    // Own process group, so that the server, its extension hosts and language servers can be ended together.
    { detached: true, stdio: ['ignore', log, log], env: codeServerEnv(dir, nodeBin, env) },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const running = () => child.exitCode === null && child.signalCode === null;
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // already gone
    }
  };
  // Whatever ends this process (a failure, a closed pipe), code-server and its children go with it.
  process.on('exit', () => {
    if (running()) killGroup('SIGKILL');
  });
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });

  let browser;
  const base = `http://127.0.0.1:${port}`;
  const server = {
    child,
    port,
    base,
    logFile,
    /** Resolves true once code-server answers /healthz, false if it exits or `deadline` (epoch ms) passes first. */
    async waitUntilListening(deadline) {
      for (;;) {
        try {
          if ((await fetch(`${base}/healthz`)).ok) return true;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline || child.exitCode !== null) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Launches headless Chromium with its profile, crash reports and temp files in the run directory. */
    async openBrowser(chromium, executablePath) {
      browser = await chromium.launch({
        executablePath,
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
      return browser;
    },
    async stop() {
      await browser?.close().catch(() => undefined);
      if (!running()) return;
      if (!killGroup('SIGTERM')) child.kill('SIGTERM');
      const ended = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 5000, false))]);
      if (!ended) killGroup('SIGKILL');
    },
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => server.stop().finally(() => process.exit(130)));
  }
  return server;
}
