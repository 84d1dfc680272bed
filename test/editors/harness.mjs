// Shared by run-nvim.mjs and run-emacs.mjs: runs one editor as an LSP client of server/dist/cli.js against a private
// copy of the fixture workspace, with private HOME/XDG directories under os.tmpdir(), and a time limit. Prints the
// editor's output and a closing `N passed, N failed`; resolves to the process exit code.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = path.join(ROOT, 'server', 'dist', 'cli.js');
const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'editors', 'workspace');

/**
 * @param {object} o
 * @param {string} o.name        short name used in messages and the temp directory
 * @param {string} o.command     the editor executable
 * @param {(env: {dir: string, workspace: string}) => string[]} o.args
 * @param {number} [o.timeoutMs]
 */
export async function runEditor({
  name,
  command,
  args,
  timeoutMs = Number(process.env.ALLOY_EDITOR_TIMEOUT_MS ?? 120_000),
}) {
  const t0 = Date.now();
  let passed = 0;
  let failed = 0;
  const finish = (code) => {
    console.log(`${passed} passed, ${failed} failed`);
    return code;
  };
  if (!fs.existsSync(SERVER)) {
    console.log(`not ok - ${SERVER} exists (run npm run build)`);
    failed++;
    return finish(1);
  }
  const which = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.log(`not ok - ${command} is installed (run scripts/editor-tests/install.sh)`);
    failed++;
    return finish(1);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `alloy-${name}-test-`));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(WORKSPACE, workspace, { recursive: true });
  const home = path.join(dir, 'home');
  for (const d of ['config', 'data', 'state', 'cache']) fs.mkdirSync(path.join(home, d), { recursive: true });

  // What the formatter must produce, from the command line: editors must apply the same through LSP edits.
  const fmtExpected = path.join(dir, 'fmt-expected.alloy');
  const fmt = spawnSync(process.execPath, [SERVER, 'fmt', path.join(workspace, 'unformatted.alloy')], {
    encoding: 'utf8',
  });
  if (fmt.status === 0) fs.writeFileSync(fmtExpected, fmt.stdout);
  else {
    console.log(`not ok - alloy-analyzer fmt unformatted.alloy (exit ${fmt.status}): ${fmt.stderr.trim()}`);
    failed++;
  }

  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    TMPDIR: dir,
    ALLOY_SERVER: SERVER,
    ALLOY_WORKSPACE: workspace,
    ...(fmt.status === 0 ? { ALLOY_FMT_EXPECTED: fmtExpected } : {}),
  };
  const child = spawn(command, args({ dir, workspace }), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Echo the editor's lines, except its own tally: the closing line printed here includes it.
  let out = '';
  let pending = '';
  const echo = (text) => {
    for (const line of text.split('\n')) if (!/^\d+ passed, \d+ failed$/.test(line)) console.log(line);
  };
  child.stdout.on('data', (b) => {
    out += b;
    pending += b;
    const cut = pending.lastIndexOf('\n');
    if (cut >= 0) {
      echo(pending.slice(0, cut));
      pending = pending.slice(cut + 1);
    }
  });
  child.stdout.on('end', () => pending && echo(pending));
  child.stderr.on('data', (b) => process.stderr.write(b));
  const timer = setTimeout(() => {
    console.log(`not ok - ${name} finished within ${timeoutMs} ms`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, timeoutMs);
  const code = await new Promise((resolve) => child.once('close', (c) => resolve(c ?? 1)));
  clearTimeout(timer);

  const tally = [...out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (tally) {
    passed += Number(tally[1]);
    failed += Number(tally[2]);
  }
  if (!tally || (code !== 0 && failed === 0)) {
    console.log(`not ok - ${name} exited with code ${code} without a passing tally`);
    failed++;
  }
  console.log(`[${name}] ${((Date.now() - t0) / 1000).toFixed(2)}s, exit code ${code}`);
  if (failed === 0) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`[${name}] files kept in ${dir}`);
  return finish(failed === 0 ? 0 : 1);
}
