/** `alloy-analyzer check`: the server's analysis for CI pipelines. */
import { checkFiles, checkTexts } from '../analysis/batch';
import { describeReadError, MEGABYTE, parseMaxFileSize, readStdinAlloy } from '../analysis/files';
import { RULE_CODES } from '../protocol';
import { ALLOY_VERSION_NAMES, DEFAULT_ALLOY_VERSION_NAME, DEFAULT_SETTINGS, resolveSettings } from '../settings';
import { createParser } from '../syntax/parser';
import { alloyVersionOption, collectInputs, parseOptions } from './inputs';
import { githubReport, jsonReport, sarifReport, textReport, type Report } from './report';

export const CHECK_USAGE = `usage: alloy-analyzer check [--format text|json|github|sarif] [--config-mode file|directory]
                            [--severity CODE=LEVEL[,CODE=LEVEL...]] [--alloy-version VERSION]
                            [--max-file-size MB] PATH...|-

Checks Alloy configuration files (directories are searched for *.alloy; - reads standard input).
In directory mode a file is checked with the other .alloy files of its directory.
--severity changes rules' severities: LEVEL is error, warning, information, hint or off.
Formats: text (path:line:col: severity code: message, and a note: line per related
location), json, github (GitHub Actions workflow commands: annotations), sarif
(SARIF 2.1.0, paths relative to %SRCROOT%, the current directory).
--max-file-size: larger files are refused, not analysed (megabytes, default 50). Devices, FIFOs and
sockets are refused without reading them.
--alloy-version checks against that Alloy release (${ALLOY_VERSION_NAMES.join(', ')}; default ${DEFAULT_ALLOY_VERSION_NAME}).
Text output: PATH:LINE:COL: SEVERITY CODE: MESSAGE, LINE and COL 1-based, COL in UTF-16 code units
(Alloy's own messages count COL in bytes: the two differ after non-ASCII characters on the line).
Exit status: 0 no error-severity diagnostic, 1 at least one, 2 usage or I/O error.
`;

/** Parses `code=level,code=level` into the `rules` settings object; undefined when malformed. */
export function parseSeverities(spec: string | undefined): Record<string, string> | string {
  const rules: Record<string, string> = {};
  if (!spec) return rules;
  for (const part of spec.split(',')) {
    const [code, level] = part.split('=').map((x) => x.trim());
    if (!(RULE_CODES as readonly string[]).includes(code)) return `unknown rule '${code}'`;
    if (!['error', 'warning', 'information', 'hint', 'off'].includes(level)) return `unknown severity '${level}'`;
    rules[code] = level;
  }
  return rules;
}

export async function check(args: string[]): Promise<number> {
  const parsed = parseOptions(args, {
    format: 'string',
    'config-mode': 'string',
    severity: 'string',
    'alloy-version': 'string',
    'max-file-size': 'string',
    help: 'boolean',
  });
  if (parsed.options.help) {
    process.stdout.write(CHECK_USAGE);
    return 0;
  }
  const format = (parsed.options.format as string | undefined) ?? 'text';
  const mode = (parsed.options['config-mode'] as string | undefined) ?? 'file';
  const severities = parseSeverities(parsed.options.severity as string | undefined);
  const version = alloyVersionOption(parsed.options['alloy-version']);
  const sizeOption = parsed.options['max-file-size'] as string | undefined;
  const maxFileSize = sizeOption === undefined ? DEFAULT_SETTINGS.maxFileSize : parseMaxFileSize(sizeOption);
  const usageError =
    parsed.error ??
    (maxFileSize === undefined ? `--max-file-size takes a number of megabytes, not '${sizeOption}'` : undefined) ??
    ('error' in version ? version.error : undefined) ??
    (!['text', 'json', 'github', 'sarif'].includes(format) ? `unknown format '${format}'` : undefined) ??
    (!['file', 'directory'].includes(mode) ? `unknown config mode '${mode}'` : undefined) ??
    (parsed.positionals.length === 0 ? 'no PATH given' : undefined) ??
    (typeof severities === 'string' ? severities : undefined);
  if (usageError) {
    process.stderr.write(`alloy-analyzer check: ${usageError}\n\n${CHECK_USAGE}`);
    return 2;
  }
  const paths = parsed.positionals.filter((p) => p !== '-');
  const inputs = collectInputs(paths, { siblings: mode === 'directory' });
  const settings = resolveSettings({
    ...DEFAULT_SETTINGS,
    configMode: mode,
    rules: severities,
    version: 'version' in version ? version.version : undefined,
    maxFileSize,
  });
  const parser = await createParser();
  const result = checkFiles(parser, inputs.files, settings);
  if (paths.length < parsed.positionals.length) {
    const read = readStdinAlloy(settings.maxFileSize * MEGABYTE);
    if (read.ok) result.files.push(...checkTexts(parser, [{ path: '<stdin>', text: read.text }], settings));
    else result.errors.push(describeReadError('<stdin>', read));
  }
  const docs = new Map(result.files.map((f) => [f.doc.uri, f.doc]));
  const report: Report = {
    files: result.files.map((f) => ({ path: f.path, uri: f.doc.uri, findings: f.findings })),
    rangeOf: (uri, span) => docs.get(uri)!.lines.rangeOf(span),
  };
  const problems = [...inputs.errors, ...result.errors];
  const output =
    format === 'json'
      ? jsonReport(report)
      : format === 'sarif'
        ? sarifReport(report, problems)
        : format === 'github'
          ? githubReport(report)
          : textReport(report);
  process.stdout.write(output);
  for (const e of problems) process.stderr.write(`${e}\n`);
  for (const f of result.files) f.doc.dispose();
  if (inputs.errors.length || result.errors.length) return 2;
  return result.files.some((f) => f.findings.some((d) => d.severity === 'error')) ? 1 : 0;
}
