#!/usr/bin/env node
// Neovim as an LSP client of `node server/dist/cli.js serve --stdio`: see nvim-lsp-test.lua.
import path from 'node:path';
import { ROOT, runEditor } from './harness.mjs';

const script = path.join(ROOT, 'test', 'editors', 'nvim-lsp-test.lua');
process.exitCode = await runEditor({
  name: 'nvim',
  command: 'nvim',
  args: () => ['--headless', '--clean', '-u', script],
});
