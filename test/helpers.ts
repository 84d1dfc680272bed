/** Shared helpers for the tests: repository paths, the corpus, the CLI bundle, analysis of text. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import { checkTexts, type CheckedFile } from '../server/src/analysis/batch';
import { toDiagnostic } from '../server/src/lsp/diagnostics';
import { resolveSettings, type Settings } from '../server/src/settings';
import { createParser } from '../server/src/syntax/parser';

/** The repository root (tests run from out/test/<area>/). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The shared corpus beside the repository, or undefined when it is not there. */
export function corpusDir(): string | undefined {
  const dir = path.resolve(repoRoot, '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? dir : undefined;
}

export const CLI = path.join(repoRoot, 'server', 'dist', 'cli.js');

let built = false;
/** Builds server/dist/cli.js once per test process (esbuild, about a second). */
export function buildCli(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

/** Runs the CLI; returns exit code, stdout and stderr. */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}) {
  buildCli();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let parser: Promise<Parser> | undefined;
export function sharedParser(): Promise<Parser> {
  parser ??= createParser();
  return parser;
}

const SEVERITY: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** A diagnostic in a compact, exact form: `code severity L:C-L:C` (1-based lines and columns). */
export function compact(d: Diagnostic): string {
  const r = d.range;
  return `${d.code} ${SEVERITY[d.severity!]} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** A checked file's findings as the language server publishes them (LSP diagnostics). */
export function diagnosticsOf(f: CheckedFile): Diagnostic[] {
  return f.findings.map((x) => toDiagnostic(x, f.doc.lines, (u) => f.analysis.doc(u)?.lines));
}

/** Analyses files given as texts (one configuration per file, or per directory) and returns their diagnostics. */
export async function diagnose(
  files: Record<string, string>,
  settings: Partial<Settings> | Record<string, unknown> = {},
): Promise<Record<string, Diagnostic[]>> {
  const p = await sharedParser();
  const checked = checkTexts(
    p,
    Object.entries(files).map(([name, text]) => ({ path: path.join(repoRoot, 'test-virtual', name), text })),
    resolveSettings(settings),
  );
  const out: Record<string, Diagnostic[]> = {};
  for (const f of checked) {
    out[path.basename(f.path)] = diagnosticsOf(f);
    f.doc.dispose();
  }
  return out;
}

/** Diagnostics of one text, compact. */
export async function diagnoseText(text: string, settings: Record<string, unknown> = {}): Promise<string[]> {
  return (await diagnose({ 'main.alloy': text }, settings))['main.alloy'].map(compact);
}

/** The range of the n-th (default last) occurrence of `needle` in `text`, as `L:C-L:C` (1-based). */
export function rangeOf(text: string, needle: string, occurrence: 'first' | 'last' = 'last'): string {
  const start = occurrence === 'first' ? text.indexOf(needle) : text.lastIndexOf(needle);
  if (start < 0) throw new Error(`not found: ${needle}`);
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
  };
  return `${pos(start)}-${pos(start + needle.length)}`;
}

/** Self-monitoring boilerplate that makes a configuration quiet for the self-monitoring rules. */
export const SELF_MONITORED = `logging {
	level    = "info"
	write_to = [loki.write.cloud.receiver]
}

tracing {
	sampling_fraction = 0.1
	write_to          = [otelcol.exporter.otlphttp.cloud.input]
}

prometheus.exporter.self "default" { }

prometheus.scrape "self" {
	targets    = prometheus.exporter.self.default.targets
	forward_to = [otelcol.receiver.prometheus.self.receiver]
}

otelcol.receiver.prometheus "self" {
	output {
		metrics = [otelcol.exporter.otlphttp.cloud.input]
	}
}

otelcol.exporter.otlphttp "cloud" {
	client {
		endpoint = sys.env("OTLP_ENDPOINT")
	}
}

loki.write "cloud" {
	endpoint {
		url = sys.env("LOKI_URL")
	}
}
`;

/** A small deterministic PRNG (mulberry32): the one the benchmark's configuration generator draws from. */
export async function prng(seed: number): Promise<() => number> {
  const generator = pathToFileURL(path.join(repoRoot, 'scripts', 'bench', 'generate.mjs')).href;
  const { rng } = (await import(generator)) as { rng(seed: number): () => number };
  return rng(seed);
}

/** The texts of the first `count` files of the corpus's real/valid whose names start with `prefix` (name order). */
export function realValidTexts(prefix: string, count: number): string[] {
  const corpus = corpusDir();
  if (!corpus) return [];
  const dir = path.join(corpus, 'real', 'valid');
  return fs
    .readdirSync(dir)
    .filter((x) => x.startsWith(prefix) && x.endsWith('.alloy'))
    .sort()
    .slice(0, count)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}
