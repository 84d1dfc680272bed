// `npm pack -w server` runs this first (prepack): a production build of the bundle (the catalog and the grammar
// are inside cli.js, the two wasm files beside it) and the license beside the package manifest. The package then
// needs nothing else: its dependencies are bundled, so it has none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(root, 'server', 'LICENSE'));
