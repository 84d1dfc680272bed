/** `alloy-analyzer fmt`: formats files exactly as `alloy fmt` does. */
import * as fs from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { formatWith } from '../format/formatter';
import { createParser } from '../syntax/parser';
import {
  decodeAlloy,
  describeReadError,
  MEGABYTE,
  parseMaxFileSize,
  readFileBytes,
  readStdinBytes,
} from '../analysis/files';
import { DEFAULT_SETTINGS } from '../settings';
import { unifiedDiff } from './diff';
import { collectInputs, parseOptions } from './inputs';

export const FMT_USAGE = `usage: alloy-analyzer fmt [--write | --diff | --check] [--max-file-size MB] [PATH...]

Formats Alloy configuration files exactly as \`alloy fmt\` does.

  (no option)   print the formatted text to stdout
  --write, -w   rewrite the files in place (only files whose text changes)
  --diff, -d    print a unified diff of what formatting changes; change nothing
  --check, -t   list the files that are not formatted; change nothing
                (with --diff: print the diff instead of the list)
  --max-file-size MB
                larger files are refused (default 50); devices, FIFOs and
                sockets are refused without reading them

PATH is a file, a directory (searched recursively for *.alloy files) or -
for standard input, which is read when no PATH is given.
Files with syntax errors are never changed. Line breaks are written as LF,
as alloy fmt writes them: a CRLF file is not formatted until converted.

Exit status: 0 success; 1 with --check when some file is not formatted;
2 syntax error, usage error or I/O error (reported as path:line:col: message).
`;

const SHORT_FLAGS: Record<string, string> = {
  '-d': '--diff',
  '-w': '--write',
  '-t': '--check',
  '-l': '--check',
  '-h': '--help',
};

const STDIN = '-';
const STDIN_NAME = '<stdin>';

type Outcome =
  { kind: 'formatted'; text: string; original: string; changed: boolean } | { kind: 'error'; message: string };

function formatBuffer(parser: Parser, name: string, buf: Uint8Array): Outcome {
  const decoded = decodeAlloy(buf);
  if (!decoded.ok) return { kind: 'error', message: describeReadError(name, decoded) };
  const result = formatWith(parser, decoded.text);
  if (!result.ok) {
    return { kind: 'error', message: `${name}:${result.line + 1}:${result.character + 1}: ${result.message}` };
  }
  // The text has LF line breaks whatever the file's were (see format/eol.ts),
  // so a CRLF file counts as changed, as it does for `alloy fmt -t`.
  // Valid UTF-8 decodes and encodes back byte for byte: without a byte order mark, the same text is the same bytes.
  const same = !decoded.bom && result.text === decoded.text;
  const changed = !same && !Buffer.from(result.text, 'utf8').equals(Buffer.from(buf));
  const original = decoded.bom ? Buffer.from(buf).toString('utf8') : decoded.text;
  return { kind: 'formatted', text: result.text, original, changed };
}

function ignoreBrokenPipe(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') throw err;
}

export async function fmt(rawArgs: string[]): Promise<number> {
  const args = rawArgs.map((a) => SHORT_FLAGS[a] ?? a);
  const { options, positionals, error } = parseOptions(args, {
    write: 'boolean',
    check: 'boolean',
    diff: 'boolean',
    'max-file-size': 'string',
    help: 'boolean',
  });
  if (options.help) {
    process.stdout.write(FMT_USAGE);
    return 0;
  }
  const sizeOption = options['max-file-size'] as string | undefined;
  const maxFileSize = sizeOption === undefined ? DEFAULT_SETTINGS.maxFileSize : parseMaxFileSize(sizeOption);
  const usageError =
    error ??
    (maxFileSize === undefined ? `--max-file-size takes a number of megabytes, not '${sizeOption}'` : undefined);
  if (usageError) {
    process.stderr.write(`alloy-analyzer fmt: ${usageError}\n\n${FMT_USAGE}`);
    return 2;
  }
  const maxBytes = (maxFileSize ?? 0) * MEGABYTE;
  const write = options.write === true;
  const check = options.check === true;
  const diff = options.diff === true;
  if (write && (check || diff)) {
    process.stderr.write(`alloy-analyzer fmt: --write cannot be used with ${check ? '--check' : '--diff'}\n`);
    return 2;
  }
  const useStdin = positionals.length === 0 || positionals.includes(STDIN);
  if (useStdin && positionals.length > 1) {
    process.stderr.write('alloy-analyzer fmt: - (standard input) cannot be combined with other paths\n');
    return 2;
  }
  if (useStdin && write) {
    process.stderr.write('alloy-analyzer fmt: --write cannot be used with standard input\n');
    return 2;
  }
  if (positionals.length === 0 && process.stdin.isTTY) {
    process.stderr.write(`alloy-analyzer fmt: no input (give a PATH, or - to read a terminal)\n\n${FMT_USAGE}`);
    return 2;
  }
  process.stdout.on('error', ignoreBrokenPipe);

  const parser = await createParser();
  try {
    if (useStdin) {
      const read = readStdinBytes(maxBytes);
      if (!read.ok) {
        process.stderr.write(`${STDIN_NAME}: ${read.error}\n`);
        return 2;
      }
      const outcome = formatBuffer(parser, STDIN_NAME, read.bytes);
      if (outcome.kind === 'error') {
        process.stderr.write(`${outcome.message}\n`);
        return 2;
      }
      if (diff) {
        process.stdout.write(unifiedDiff(STDIN_NAME, outcome.original, outcome.text));
        return check && outcome.changed ? 1 : 0;
      }
      if (check) {
        if (outcome.changed) process.stdout.write(`${STDIN_NAME}\n`);
        return outcome.changed ? 1 : 0;
      }
      process.stdout.write(outcome.text);
      return 0;
    }

    const inputs = collectInputs(positionals);
    let status = 0;
    for (const message of inputs.errors) process.stderr.write(`${message}\n`);
    if (inputs.errors.length > 0) status = 2;
    for (const file of inputs.files) {
      const read = readFileBytes(file, maxBytes);
      if (!read.ok) {
        process.stderr.write(`${file}: ${read.error}\n`);
        status = 2;
        continue;
      }
      const outcome = formatBuffer(parser, file, read.bytes);
      if (outcome.kind === 'error') {
        process.stderr.write(`${outcome.message}\n`);
        status = 2;
        continue;
      }
      if (diff) {
        process.stdout.write(unifiedDiff(file, outcome.original, outcome.text));
        if (check && outcome.changed && status === 0) status = 1;
      } else if (check) {
        if (outcome.changed) {
          process.stdout.write(`${file}\n`);
          if (status === 0) status = 1;
        }
      } else if (write) {
        if (!outcome.changed) continue;
        try {
          fs.writeFileSync(file, outcome.text);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          process.stderr.write(`${file}: cannot write${code ? ` (${code})` : ''}\n`);
          status = 2;
        }
      } else {
        process.stdout.write(outcome.text);
      }
    }
    return status;
  } finally {
    parser.delete();
  }
}
