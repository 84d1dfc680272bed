#!/usr/bin/env node
// Emacs + eglot as an LSP client of `node server/dist/cli.js serve --stdio`: see emacs-lsp-test.el.
import path from 'node:path';
import { ROOT, runEditor } from './harness.mjs';

const script = path.join(ROOT, 'test', 'editors', 'emacs-lsp-test.el');
process.exitCode = await runEditor({
  name: 'emacs',
  command: 'emacs',
  args: () => ['--batch', '-l', script],
});
