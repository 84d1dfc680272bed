// The navigation rows of the benchmark alone (definition, references, documentSymbol, semantic
// tokens delta after each keystroke, over LSP), on the same configurations and keystrokes as
// `npm run bench`, without the rest of it:
//
//   node scripts/bench/navigation-only.mjs [--keystrokes=40] [--only=large,modules,medium] [--no-build]
//
// It builds server/dist/cli.js first (unless --no-build) and prints median / p95 per request.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdit, planEdits } from './edits.mjs';
import { generateConfig } from './generate.mjs';
import { moduleHeavyConfig } from './modules.mjs';
import { featureLatencies } from './navigation.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
};
const WARMUP = 20;
const KEYSTROKES = Number(option('keystrokes', 40));
const only = option('only', 'medium,modules,large').split(',');

if (!process.argv.includes('--no-build')) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}
const cli = path.join(root, 'server', 'dist', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-nav-'));
try {
  const configs = {
    medium: () => ({ text: generateConfig(2500, 1) }),
    modules: () => {
      const m = moduleHeavyConfig(path.join(root, '..', 'shared', 'corpus', 'real', 'valid'));
      return m && { text: m.text, patterns: { string: /^\s+\w+\s*=\s*"[^"\\]*"$/, number: /^\s+\w+\s*=\s*\d+$/ } };
    },
    large: () => ({ text: generateConfig(20000, 2) }),
  };
  const fmt = (s) => `${s.median.toFixed(2)} / ${s.p95.toFixed(2)} ms`;
  console.log(`load average ${os.loadavg()[0].toFixed(1)} at start`);
  for (const key of only) {
    const config = configs[key]?.();
    if (!config) {
      console.log(`${key}: skipped`);
      continue;
    }
    const file = path.join(tmp, key, 'config.alloy');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, config.text);
    const edits = planEdits(config.text, WARMUP + KEYSTROKES, config.patterns).edits;
    const r = await featureLatencies(cli, root, file, config.text, edits, { warmup: WARMUP, applyEdit });
    const lines = config.text.split('\n').length - 1;
    console.log(
      `${key} (${lines} lines, ${r.answered} answered): definition ${fmt(r.definition)} | references ${fmt(r.references)} | ` +
        `documentSymbol ${fmt(r.documentSymbol)} | semantic tokens delta ${fmt(r.semanticTokensDelta)} | full ${fmt(r.semanticTokensFull)}`,
    );
  }
  console.log(`load average ${os.loadavg()[0].toFixed(1)} at end`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
