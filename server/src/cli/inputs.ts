/** Turning command-line paths into the `.alloy` files to work on, with clear errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALLOY_VERSION_NAMES, DEFAULT_ALLOY_VERSION_NAME, normalizeAlloyVersion } from '../settings';

export interface Inputs {
  files: string[];
  /** Problems with the paths themselves (missing, no .alloy files); each is a full message. */
  errors: string[];
  /** The files named on the command line or found under a named directory (not added as siblings). */
  explicit: Set<string>;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** `.alloy` files under `dir`, recursively, sorted; symbolic links are followed (each directory once). */
function walk(dir: string, out: string[], errors: string[], seen: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`${dir}: ${(e as Error).message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = fs.statSync(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        if (e.name.endsWith('.alloy')) errors.push(`${full}: broken symbolic link`);
        continue;
      }
    }
    if (isDir) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out, errors, seen);
    } else if (isFile && e.name.endsWith('.alloy')) {
      out.push(full);
    }
  }
}

/** The other `.alloy` files of a file's directory (what `alloy run DIR` loads with it). */
function siblingsOf(file: string): string[] {
  const dir = path.dirname(file);
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.alloy'))
      .sort()
      .map((n) => path.join(dir, n))
      .filter((f) => {
        try {
          return fs.statSync(f).isFile();
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/**
 * Files as given, and `.alloy` files found under directories (recursively,
 * sorted). With `siblings` (directory mode), a named file brings the other
 * `.alloy` files of its directory along: they are one configuration.
 */
export function collectInputs(paths: string[], options: { siblings?: boolean } = {}): Inputs {
  const files: string[] = [];
  const errors: string[] = [];
  const explicit = new Set<string>();
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = path.resolve(f);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  const walked = new Set<string>();
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      let link = false;
      try {
        link = fs.lstatSync(p).isSymbolicLink();
      } catch {
        link = false;
      }
      errors.push(`${p}: ${link ? 'broken symbolic link' : 'no such file or directory'}`);
      continue;
    }
    const found: string[] = [];
    if (stat.isDirectory()) {
      walk(p, found, errors, walked);
      if (found.length === 0) errors.push(`${p}: directory contains no .alloy files`);
    } else {
      found.push(p);
    }
    for (const f of found) {
      explicit.add(path.resolve(f));
      add(f);
    }
  }
  if (options.siblings) {
    for (const f of [...files]) for (const sibling of siblingsOf(f)) add(sibling);
  }
  return { files, errors, explicit };
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

/**
 * The value of `--alloy-version` as the catalog names it (`v1.16.3` -> `1.16`), the default when
 * absent, or an error message naming the versions there are.
 */
export function alloyVersionOption(value: unknown): { version: string } | { error: string } {
  if (value === undefined) return { version: DEFAULT_ALLOY_VERSION_NAME };
  const version = normalizeAlloyVersion(value);
  return version !== undefined
    ? { version }
    : { error: `unknown Alloy version '${String(value)}' (use ${ALLOY_VERSION_NAMES.join(', ')})` };
}
