/** `alloy-analyzer fix`: applies the preferred quick fix of each diagnostic, like `eslint --fix`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { checkTexts } from '../analysis/batch';
import { MEGABYTE, parseMaxFileSize, readAlloyFile, readStdinAlloy } from '../analysis/files';
import { fixAll } from '../fixes/fixAll';
import { positionIn } from '../positions';
import { RULE_CODES } from '../protocol';
import {
  ALLOY_VERSION_NAMES,
  DEFAULT_ALLOY_VERSION_NAME,
  DEFAULT_SETTINGS,
  DESTINATIONS,
  resolveSettings,
} from '../settings';
import { createParser } from '../syntax/parser';
import { alloyVersionOption, collectInputs, parseOptions } from './inputs';

export const FIX_USAGE = `usage: alloy-analyzer fix [--write] [--only CODE,...] [--destination NAME] [--config-mode file|directory]
                          [--alloy-version VERSION] [--max-file-size MB] PATH...

Applies the preferred quick fix of each diagnostic, analysing again after
each fix, until nothing is left to fix: adds the missing parts of Alloy's
self-monitoring, removes the later of two duplicate config blocks, wires
unwired exporters, creates missing self-monitoring components, replaces
deprecated functions. Components are never removed.

  (no option)          print the fixed text to stdout (one file only)
  --write, -w          rewrite the files whose text changes
  --only CODE,...      fix only diagnostics with these codes
  --destination NAME   where inserted self-monitoring sends data:
                       grafana-cloud (default), otlp or local-lgtm
  --config-mode MODE   file (default): each file is a configuration;
                       directory: the *.alloy files of a directory are one
  --max-file-size MB   larger files are refused (default 50)
  --alloy-version V    the Alloy release to check against (${ALLOY_VERSION_NAMES.join(', ')};
                       default ${DEFAULT_ALLOY_VERSION_NAME})

PATH is a file, a directory (searched recursively for *.alloy files) or -
for standard input. Files with syntax errors are left untouched.
What was fixed and the diagnostics that remain are reported on stderr.

Exit status: 0 no error-severity diagnostic remains; 1 at least one remains
(a file with syntax errors counts); 2 usage or I/O error.
`;

const STDIN = '-';

interface Input {
  path: string;
  uri: string;
  text: string;
  /** The file started with a byte order mark (not part of `text`); a rewrite keeps it. */
  bom?: boolean;
}

function lineCol(text: string, offset: number): string {
  const at = positionIn(text, offset);
  return `${at.line + 1}:${at.character + 1}`;
}

export async function fix(args: string[]): Promise<number> {
  const expanded = args.map((a) => (a === '-w' ? '--write' : a === '-h' ? '--help' : a));
  const parsed = parseOptions(expanded, {
    write: 'boolean',
    only: 'string',
    destination: 'string',
    'config-mode': 'string',
    'max-file-size': 'string',
    'alloy-version': 'string',
    help: 'boolean',
  });
  if (parsed.options.help) {
    process.stdout.write(FIX_USAGE);
    return 0;
  }
  const mode = (parsed.options['config-mode'] as string | undefined) ?? 'file';
  const destination = (parsed.options.destination as string | undefined) ?? DEFAULT_SETTINGS.selfMonitoring.destination;
  const only = parsed.options.only === undefined ? undefined : String(parsed.options.only).split(',').filter(Boolean);
  const unknownCode = only?.find((c) => !(RULE_CODES as readonly string[]).includes(c));
  const write = parsed.options.write === true;
  const stdin = parsed.positionals.includes(STDIN);
  const version = alloyVersionOption(parsed.options['alloy-version']);
  const sizeOption = parsed.options['max-file-size'] as string | undefined;
  const maxFileSize = sizeOption === undefined ? DEFAULT_SETTINGS.maxFileSize : parseMaxFileSize(sizeOption);
  const maxBytes = (maxFileSize ?? 0) * MEGABYTE;
  const usageError =
    parsed.error ??
    (maxFileSize === undefined ? `--max-file-size takes a number of megabytes, not '${sizeOption}'` : undefined) ??
    ('error' in version ? version.error : undefined) ??
    (!['file', 'directory'].includes(mode) ? `unknown config mode '${mode}'` : undefined) ??
    (!(DESTINATIONS as readonly string[]).includes(destination)
      ? `unknown destination '${destination}' (use ${DESTINATIONS.join(', ')})`
      : undefined) ??
    (unknownCode !== undefined ? `unknown diagnostic code '${unknownCode}'` : undefined) ??
    (only && only.length === 0 ? '--only needs at least one code' : undefined) ??
    (parsed.positionals.length === 0 ? 'no PATH given' : undefined) ??
    (stdin && write ? 'cannot --write standard input' : undefined) ??
    (stdin && parsed.positionals.length > 1 ? '- (standard input) must be the only PATH' : undefined);
  if (usageError) {
    process.stderr.write(`alloy-analyzer fix: ${usageError}\n\n${FIX_USAGE}`);
    return 2;
  }

  const errors: string[] = [];
  const inputs: Input[] = [];
  /** Without --write: the one named file whose fixed text is printed (siblings are only analysed). */
  let printOnly: string | undefined;
  if (stdin) {
    const read = readStdinAlloy(maxBytes);
    if (!read.ok) {
      process.stderr.write(`alloy-analyzer fix: <stdin>: ${read.error}\n`);
      return 2;
    }
    const p = path.resolve('stdin.alloy');
    inputs.push({ path: '<stdin>', uri: URI.file(p).toString(), text: read.text });
  } else {
    // In directory mode a file's siblings are part of its configuration: they are analysed (and,
    // with --write, fixed) with it.
    const collected = collectInputs(parsed.positionals, { siblings: mode === 'directory' });
    errors.push(...collected.errors);
    for (const p of collected.files) {
      const read = readAlloyFile(p, maxBytes);
      if (read.ok) inputs.push({ path: p, uri: URI.file(path.resolve(p)).toString(), text: read.text, bom: read.bom });
      else errors.push(`${p}: ${read.error}`);
    }
    if (!write) {
      const named = inputs.filter((i) => collected.explicit.has(path.resolve(i.path)));
      if (named.length > 1) {
        process.stderr.write(
          `alloy-analyzer fix: ${named.length} files given: use --write to rewrite them (stdout takes one file)\n`,
        );
        return 2;
      }
      printOnly = named[0]?.uri;
    }
  }

  const settings = resolveSettings({
    ...DEFAULT_SETTINGS,
    configMode: mode,
    version: 'version' in version ? version.version : undefined,
    selfMonitoring: { ...DEFAULT_SETTINGS.selfMonitoring, destination },
    maxFileSize,
  });
  const parser = await createParser();
  const groups = new Map<string, Input[]>();
  for (const input of inputs) {
    const key = mode === 'directory' ? path.dirname(path.resolve(input.path)) : input.uri;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const finalText = new Map<string, string>();
  // Alloy loads a directory's files in name order: which block is "the later" duplicate follows it.
  const byName = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  for (const group of groups.values()) {
    group.sort(byName);
    const result = fixAll(parser, group, { settings, only: only ? new Set(only) : undefined });
    const byUri = new Map(group.map((g) => [g.uri, g]));
    for (const uri of result.syntaxErrors) {
      process.stderr.write(`alloy-analyzer fix: ${byUri.get(uri)!.path}: has syntax errors; left untouched\n`);
    }
    for (const a of result.applied) {
      // Without --write only the printed file changes; what a fix would do to its siblings is not done.
      if (!write && printOnly !== undefined && a.uri !== printOnly) continue;
      process.stderr.write(`${byUri.get(a.uri)!.path}:${lineCol(a.before, a.offset)}: fixed ${a.code}: ${a.title}\n`);
    }
    if (result.truncated) {
      process.stderr.write(`alloy-analyzer fix: stopped after ${result.applied.length} fixes; run it again\n`);
    }
    for (const [uri, text] of result.texts) finalText.set(uri, text);
  }

  for (const input of inputs) {
    const text = finalText.get(input.uri)!;
    if (!write) {
      if (printOnly === undefined || input.uri === printOnly) process.stdout.write(input.bom ? `\uFEFF${text}` : text);
    } else if (text !== input.text) {
      try {
        fs.writeFileSync(input.path, input.bom ? `\uFEFF${text}` : text);
      } catch (e) {
        errors.push(`${input.path}: ${(e as Error).message}`);
      }
    }
  }

  const remaining = checkTexts(
    parser,
    inputs.map((i) => ({
      path: i.path === '<stdin>' ? path.resolve('stdin.alloy') : i.path,
      text: write || printOnly === undefined || i.uri === printOnly ? finalText.get(i.uri)! : i.text,
    })),
    settings,
  );
  let anyError = false;
  remaining.forEach((f, i) => {
    for (const d of f.findings) {
      if (d.severity === 'error') anyError = true;
      const at = f.doc.lines.positionAt(d.span.start);
      process.stderr.write(
        `${inputs[i].path}:${at.line + 1}:${at.character + 1}: ${d.severity} ${d.code}: ${d.message}\n`,
      );
    }
    f.doc.dispose();
  });
  for (const e of errors) process.stderr.write(`alloy-analyzer fix: ${e}\n`);
  if (errors.length) return 2;
  return anyError ? 1 : 0;
}
