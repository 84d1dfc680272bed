/** `alloy-analyzer graph`: the signal-flow graph of a configuration as JSON, DOT, Mermaid or SVG. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { analyze } from '../analysis/analyze';
import { readAlloyFile } from '../analysis/files';
import { toConfigFile } from '../analysis/workspace';
import { graphOf } from '../graph';
import { toDot, toMermaid } from '../graph/render';
import { toSvg } from '../graph/svg';
import { DEFAULT_SETTINGS, resolveSettings } from '../settings';
import { ParsedDocument } from '../syntax/document';
import { createParser } from '../syntax/parser';
import { collectInputs, parseOptions } from './inputs';

export const GRAPH_USAGE = `usage: alloy-analyzer graph [--format json|dot|mermaid|svg] [--config-mode file|directory] PATH

Prints the signal-flow graph of one configuration: a file, or in directory mode the .alloy files of a
directory (PATH is the directory or one of its files). Nodes are components, custom-component instances
and the logging/tracing blocks; edges go from producer to consumer and say what they carry. Unwired,
dangling and dropping nodes are marked; the paths of Alloy's own telemetry are highlighted.
`;

const FORMATS = ['json', 'dot', 'mermaid', 'svg'];

export async function graph(args: string[]): Promise<number> {
  const parsed = parseOptions(args, { format: 'string', 'config-mode': 'string', help: 'boolean' });
  if (parsed.options.help) {
    process.stdout.write(GRAPH_USAGE);
    return 0;
  }
  const format = (parsed.options.format as string | undefined) ?? 'json';
  const mode = (parsed.options['config-mode'] as string | undefined) ?? 'file';
  const usageError =
    parsed.error ??
    (!FORMATS.includes(format) ? `unknown format '${format}'` : undefined) ??
    (!['file', 'directory'].includes(mode) ? `unknown config mode '${mode}'` : undefined) ??
    (parsed.positionals.length !== 1 ? 'give exactly one PATH' : undefined);
  if (usageError) {
    process.stderr.write(`alloy-analyzer graph: ${usageError}\n\n${GRAPH_USAGE}`);
    return 2;
  }
  const target = parsed.positionals[0];
  let files: string[];
  if (mode === 'directory') {
    const dir = fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target);
    const inputs = collectInputs([target], { siblings: true });
    files = inputs.files.filter((f) => path.resolve(path.dirname(f)) === path.resolve(dir));
    if (inputs.errors.length || files.length === 0) {
      for (const e of inputs.errors) process.stderr.write(`alloy-analyzer graph: ${e}\n`);
      if (files.length === 0 && !inputs.errors.length)
        process.stderr.write(`alloy-analyzer graph: ${dir}: no .alloy files\n`);
      return 2;
    }
    files.sort();
  } else {
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
      process.stderr.write(`alloy-analyzer graph: ${target} is a directory (use --config-mode directory)\n`);
      return 2;
    }
    files = [target];
  }
  const texts: { uri: string; text: string }[] = [];
  for (const f of files) {
    const read = readAlloyFile(f);
    if (!read.ok) {
      process.stderr.write(`alloy-analyzer graph: ${f}: ${read.error}\n`);
      return 2;
    }
    texts.push({ uri: URI.file(path.resolve(f)).toString(), text: read.text });
  }
  const settings = resolveSettings({ ...DEFAULT_SETTINGS, configMode: mode });
  const parser = await createParser();
  const docs = texts.map((t) => new ParsedDocument(parser, t.uri, 0, t.text));
  try {
    const result = analyze(docs.map(toConfigFile), settings);
    const byUri = new Map(docs.map((d) => [d.uri, d]));
    const doc = graphOf(result, settings, (uri, offset) => byUri.get(uri)!.lines.positionAt(offset));
    let out: string;
    if (format === 'dot') out = toDot(doc);
    else if (format === 'mermaid') out = toMermaid(doc);
    else if (format === 'svg') out = await toSvg(doc);
    else out = `${JSON.stringify(doc, null, 2)}\n`;
    process.stdout.write(out);
    if (result.configuration.hasSyntaxErrors) {
      process.stderr.write('alloy-analyzer graph: the configuration has syntax errors; the graph may be incomplete\n');
    }
  } finally {
    for (const d of docs) d.dispose();
  }
  return 0;
}
