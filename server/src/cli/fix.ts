/** `alloy-analyzer fix`: applies the preferred quick fix of each diagnostic, like `eslint --fix`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { diskImports } from '../analysis/batch';
import { describeReadError, MEGABYTE, parseMaxFileSize, readAlloyFile, readStdinAlloy } from '../analysis/files';
import { fixAll, type FixAllResult } from '../fixes/fixAll';
import { LineIndex } from '../positions';
import { RULE_CODES } from '../protocol';
import { ALLOY_VERSION_NAMES, DEFAULT_ALLOY_VERSION_NAME, DEFAULT_SETTINGS, resolveSettings } from '../settings';
import { createParser } from '../syntax/parser';
import { unifiedDiff } from './diff';
import { alloyVersionOption, collectInputs, parseOptions } from './inputs';
import { textLines, type Report } from './report';
import { TEMPLATE_OPTION_SPEC, TEMPLATE_USAGE, templateSettings } from './templateOptions';

export const FIX_USAGE = `usage: alloy-analyzer fix [--write | --diff | --check] [--only CODE,...] [--config-mode file|directory]
                          [--alloy-version VERSION] [--max-file-size MB] [template options] PATH...|-

Applies the preferred quick fix of each diagnostic, analysing again after
each fix, until nothing is left to fix: adds the missing parts of Alloy's
self-monitoring, removes the later of two duplicate config blocks, wires
unwired exporters, creates missing self-monitoring components, replaces
deprecated functions. Components are never removed.

  (no option)          print the fixed text of each named file to stdout
  --write, -w          rewrite the files whose text changes
  --diff, -d           print a unified diff of what would change; change nothing
  --check              exit 1 when something would change; change nothing
                       (with --diff, also print the diff)
  --only CODE,...      fix only diagnostics with these codes
  --config-mode MODE   file (default): each file is a configuration;
                       directory: the *.alloy files of a directory are one
  --alloy-version V    the Alloy release to check against (${ALLOY_VERSION_NAMES.join(', ')};
                       default ${DEFAULT_ALLOY_VERSION_NAME})
  --max-file-size MB   larger files are refused (default 50)

Template options (the settings alloy.selfMonitoring.*, same defaults):
${TEMPLATE_USAGE}
PATH is a file, a directory (searched recursively for *.alloy files) or -
for standard input. Files with syntax errors are left untouched.
What was fixed and the diagnostics that remain are reported on stderr, at
their places in the files as given (after --write: in the rewritten files).

Exit status: 0 no error-severity diagnostic remains (with --check: and
nothing would change); 1 at least one remains or, with --check, something
would change (a file with syntax errors counts); 2 usage or I/O error.
`;

const STDIN = '-';
const SHORT_FLAGS: Record<string, string> = { '-w': '--write', '-d': '--diff', '-h': '--help' };

interface Input {
  path: string;
  uri: string;
  text: string;
  /** The file started with a byte order mark (not part of `text`); a rewrite keeps it. */
  bom?: boolean;
  /** Named on the command line or found under a named directory (not only a directory-mode sibling). */
  explicit: boolean;
}

/** The line index of a text, made when first needed and kept per URI (a large file is scanned once). */
function linesOf(cache: Map<string, LineIndex>, uri: string, text: string): LineIndex {
  let lines = cache.get(uri);
  if (!lines) cache.set(uri, (lines = new LineIndex(text)));
  return lines;
}

/** 1-based `line:column` (UTF-16) of an offset. */
function lineCol(lines: LineIndex, offset: number): string {
  const at = lines.positionAt(offset);
  return `${at.line + 1}:${at.character + 1}`;
}

export async function fix(args: string[]): Promise<number> {
  const parsed = parseOptions(
    args.map((a) => SHORT_FLAGS[a] ?? a),
    {
      write: 'boolean',
      diff: 'boolean',
      check: 'boolean',
      only: 'string',
      'config-mode': 'string',
      'alloy-version': 'string',
      'max-file-size': 'string',
      help: 'boolean',
      ...TEMPLATE_OPTION_SPEC,
    },
  );
  if (parsed.options.help) {
    process.stdout.write(FIX_USAGE);
    return 0;
  }
  const mode = (parsed.options['config-mode'] as string | undefined) ?? 'file';
  const template = templateSettings(parsed.options);
  const only = parsed.options.only === undefined ? undefined : String(parsed.options.only).split(',').filter(Boolean);
  const unknownCode = only?.find((c) => !(RULE_CODES as readonly string[]).includes(c));
  const write = parsed.options.write === true;
  const diff = parsed.options.diff === true;
  const checkOnly = parsed.options.check === true;
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
    (typeof template === 'string' ? template : undefined) ??
    (unknownCode !== undefined ? `unknown diagnostic code '${unknownCode}'` : undefined) ??
    (only && only.length === 0 ? '--only needs at least one code' : undefined) ??
    (write && (diff || checkOnly) ? '--write cannot be combined with --diff or --check' : undefined) ??
    (parsed.positionals.length === 0 ? 'no PATH given' : undefined) ??
    (stdin && write ? 'cannot --write standard input' : undefined) ??
    (stdin && parsed.positionals.length > 1 ? '- (standard input) must be the only PATH' : undefined);
  if (usageError || typeof template === 'string') {
    process.stderr.write(`alloy-analyzer fix: ${usageError}\n\n${FIX_USAGE}`);
    return 2;
  }

  const errors: string[] = [];
  const inputs: Input[] = [];
  if (stdin) {
    const read = readStdinAlloy(maxBytes);
    if (!read.ok) {
      process.stderr.write(`${describeReadError('<stdin>', read)}\n`);
      return 2;
    }
    const p = path.resolve('stdin.alloy');
    inputs.push({ path: '<stdin>', uri: URI.file(p).toString(), text: read.text, bom: read.bom, explicit: true });
  } else {
    // In directory mode a file's siblings are part of its configuration: they are analysed (and, with --write,
    // fixed) with it; what a fix would change in them shows in --diff and --check.
    const collected = collectInputs(parsed.positionals, { siblings: mode === 'directory' });
    errors.push(...collected.errors);
    for (const p of collected.files) {
      const read = readAlloyFile(p, maxBytes);
      if (read.ok) {
        inputs.push({
          path: p,
          uri: URI.file(path.resolve(p)).toString(),
          text: read.text,
          bom: read.bom,
          explicit: collected.explicit.has(path.resolve(p)),
        });
      } else errors.push(describeReadError(p, read));
    }
  }

  const settings = resolveSettings({
    ...DEFAULT_SETTINGS,
    configMode: mode,
    version: 'version' in version ? version.version : undefined,
    maxFileSize,
    selfMonitoring: template,
  });
  const parser = await createParser();
  const groups = new Map<string, Input[]>();
  for (const input of inputs) {
    const key = mode === 'directory' ? path.dirname(path.resolve(input.path)) : input.uri;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const finalText = new Map<string, string>();
  const results = new Map<string, FixAllResult>();
  const byUri = new Map(inputs.map((i) => [i.uri, i]));
  const originalLines = new Map<string, LineIndex>();
  const finalLines = new Map<string, LineIndex>();
  // Alloy loads a directory's files in name order: which block is "the later" duplicate follows it.
  const byName = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  // Modules a local import.file names, read from disk as `check` reads them.
  const imports = diskImports(parser, new Map(), maxBytes);
  for (const group of groups.values()) {
    group.sort(byName);
    const result = fixAll(parser, group, { settings, only: only ? new Set(only) : undefined, load: imports.load });
    for (const uri of result.syntaxErrors) {
      process.stderr.write(`${byUri.get(uri)!.path}: has syntax errors; left untouched\n`);
    }
    for (const a of result.applied) {
      const input = byUri.get(a.uri)!;
      // Printing to stdout shows the named files only: what a fix would do to a sibling is not reported there.
      if (!write && !diff && !checkOnly && !input.explicit) continue;
      const at = lineCol(linesOf(originalLines, input.uri, input.text), a.originalOffset);
      process.stderr.write(`${input.path}:${at}: fixed ${a.code}: ${a.title}\n`);
    }
    if (result.truncated) {
      process.stderr.write(`alloy-analyzer fix: stopped after ${result.applied.length} fixes; run it again\n`);
    }
    for (const [uri, text] of result.texts) {
      finalText.set(uri, text);
      results.set(uri, result);
    }
  }

  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  let changed = false;
  for (const input of inputs) {
    const text = finalText.get(input.uri)!;
    if (text !== input.text) changed = true;
    const withBom = (t: string) => (input.bom ? `\uFEFF${t}` : t);
    if (write) {
      if (text === input.text) continue;
      try {
        fs.writeFileSync(input.path, withBom(text));
      } catch (e) {
        errors.push(`${input.path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    } else if (diff) {
      process.stdout.write(unifiedDiff(input.path, withBom(input.text), withBom(text)));
    } else if (checkOnly) {
      if (text !== input.text) process.stdout.write(`${input.path}\n`);
    } else if (input.explicit) {
      process.stdout.write(withBom(text));
    }
  }

  // What remains, in the files as they now are on disk (the fixed text after --write, the original
  // otherwise): the last analysis of each configuration's run, which judged the final texts.
  const report: Report = {
    files: inputs.map((i) => ({ path: i.path, uri: i.uri, findings: results.get(i.uri)!.remaining.get(i.uri) ?? [] })),
    rangeOf(uri, span) {
      if (write) return linesOf(finalLines, uri, finalText.get(uri)!).rangeOf(span);
      const back = (o: number) => results.get(uri)!.originalOffset(uri, o);
      return linesOf(originalLines, uri, byUri.get(uri)!.text).rangeOf({
        start: back(span.start),
        end: back(span.end),
      });
    },
  };
  let anyError = false;
  for (const file of report.files) {
    for (const d of file.findings) {
      if (d.severity === 'error') anyError = true;
      for (const line of textLines(report, file, d)) process.stderr.write(`${line}\n`);
    }
  }
  imports.dispose();
  for (const e of errors) process.stderr.write(`${e}\n`);
  if (errors.length) return 2;
  return anyError || (checkOnly && changed) ? 1 : 0;
}
