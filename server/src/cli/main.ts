/**
 * `alloy-analyzer`: the command-line front door. Each subcommand lives in its
 * own module and returns the process exit code.
 */
import { serve } from '../lsp/server';
import { TRANSPORTS_USAGE } from '../lsp/transports';
import { check } from './check';
import { fix } from './fix';
import { fmt } from './fmt';
import { graph } from './graph';
import { VERSION } from '../version';

/** Runs a subcommand; resolves to the exit code, or -1 to keep the process running. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; run: Command }> = {
  serve: {
    summary: `run the language server (${TRANSPORTS_USAGE})`,
    run: serve,
  },
  check: {
    summary: 'report diagnostics for files or directories (text, json, github or sarif)',
    run: check,
  },
  fmt: {
    summary: 'format files exactly as alloy fmt does (stdout, --write, --diff, --check)',
    run: fmt,
  },
  fix: {
    summary: 'apply the preferred quick fix of each diagnostic (stdout, --write, --diff, --check)',
    run: fix,
  },
  graph: {
    summary: 'print the signal-flow graph of a configuration (json, dot, mermaid or svg)',
    run: graph,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`);
  return `usage: alloy-analyzer <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n'alloy-analyzer <command> --help' describes a command.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  // Editors often start a server as `SERVER --stdio`; treat that as `serve --stdio`.
  if (name.startsWith('--')) return commands.serve.run(argv);
  const command = commands[name];
  if (!command) {
    process.stderr.write(`alloy-analyzer: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `alloy-analyzer: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
