/** Turning command-line paths into the `.alloy` files to work on, with clear errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Inputs {
  files: string[];
  /** Problems with the paths themselves (missing, no .alloy files); each is a full message. */
  errors: string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out);
    } else if (e.isFile() && e.name.endsWith('.alloy')) {
      out.push(full);
    }
  }
}

/** Files as given, and `.alloy` files found under directories (recursively, sorted). */
export function collectInputs(paths: string[]): Inputs {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      errors.push(`${p}: no such file or directory`);
      continue;
    }
    const found: string[] = [];
    if (stat.isDirectory()) {
      walk(p, found);
      if (found.length === 0) errors.push(`${p}: directory contains no .alloy files`);
    } else {
      found.push(p);
    }
    for (const f of found) {
      const key = path.resolve(f);
      if (!seen.has(key)) {
        seen.add(key);
        files.push(f);
      }
    }
  }
  return { files, errors };
}

/** A minimal parser for `--flag`, `--flag value` and `--flag=value` options. */
export function parseOptions(
  args: string[],
  spec: Record<string, 'boolean' | 'string'>,
): { options: Record<string, string | boolean>; positionals: string[]; error?: string } {
  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const kind = spec[name];
    if (!kind) return { options, positionals, error: `unknown option --${name}` };
    if (kind === 'boolean') {
      if (eq >= 0) return { options, positionals, error: `--${name} takes no value` };
      options[name] = true;
    } else {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return { options, positionals, error: `--${name} needs a value` };
      options[name] = value;
    }
  }
  return { options, positionals };
}
