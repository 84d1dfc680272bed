// Bundles the language server/CLI and the VS Code client with esbuild and puts
// the wasm files the server needs beside its bundle. Runs on `npm install`.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'server', 'package.json'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter's CommonJS build calls createRequire(import.meta.url).
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  // The bundle finds the runtime wasm beside itself; require.resolve is only the fallback for unbundled runs.
  logOverride: { 'require-resolve-not-external': 'silent' },
};

const serverDist = path.join(root, 'server', 'dist');
fs.mkdirSync(serverDist, { recursive: true });
await esbuild.build({
  ...common,
  entryPoints: { cli: path.join(root, 'server', 'src', 'cli', 'main.ts') },
  outdir: serverDist,
});
fs.copyFileSync(
  path.join(root, 'grammars', 'tree-sitter-alloy', 'tree-sitter-alloy.wasm'),
  path.join(serverDist, 'tree-sitter-alloy.wasm'),
);
fs.copyFileSync(
  path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
  path.join(serverDist, 'tree-sitter.wasm'),
);

const clientEntry = path.join(root, 'client', 'src', 'extension.ts');
if (fs.existsSync(clientEntry)) {
  await esbuild.build({
    ...common,
    entryPoints: { extension: clientEntry },
    outdir: path.join(root, 'client', 'dist'),
    external: ['vscode'],
  });
  // The pipeline graph page: a browser bundle (the layout code is the server's) and its stylesheet.
  const webview = path.join(root, 'client', 'dist', 'webview');
  await esbuild.build({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: false,
    minify: production,
    logLevel: 'warning',
    entryPoints: { graph: path.join(root, 'client', 'src', 'webview', 'graph.ts') },
    outdir: webview,
  });
  fs.copyFileSync(path.join(root, 'client', 'src', 'webview', 'graph.css'), path.join(webview, 'graph.css'));
}
