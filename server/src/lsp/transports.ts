/**
 * The transports of `alloy-analyzer serve`: stdio, Node IPC, a TCP port or a named pipe the client listens on.
 * The server connects to the socket or pipe itself, so that a client that is not there is one clear error
 * (exit 2) instead of a connection that closes under the server.
 */
import * as net from 'node:net';
import {
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { SingleWriteMessageWriter } from './transport';

export const TRANSPORTS_USAGE = '--stdio, --node-ipc, --socket=PORT or --pipe=NAME';

export type Transport = { reader: MessageReader; writer: MessageWriter } | { error: string };

/** `--socket=N`, `--socket N` (the forms vscode-languageclient passes), likewise for `--pipe`. */
function valueOf(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1] ?? '';
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

function connectSocket(target: { port: number; host: string } | { path: string }, what: string): Promise<Transport> {
  return new Promise((resolve) => {
    const socket = net.createConnection(target);
    const onError = (e: NodeJS.ErrnoException) =>
      resolve({ error: `cannot connect to ${what}: ${e.code ?? e.message} (is the client listening?)` });
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve({ reader: new SocketMessageReader(socket, 'utf-8'), writer: new SocketMessageWriter(socket, 'utf-8') });
    });
  });
}

/** The transport the arguments ask for, connected; `undefined` when they name none. */
export async function openTransport(args: string[]): Promise<Transport | undefined> {
  if (args.includes('--stdio')) {
    return { reader: new StreamMessageReader(process.stdin), writer: new SingleWriteMessageWriter(process.stdout) };
  }
  if (args.includes('--node-ipc')) {
    if (typeof process.send !== 'function') {
      return { error: '--node-ipc needs a parent process that started the server with an IPC channel' };
    }
    return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
  }
  const port = valueOf(args, '--socket');
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n < 1 || n > 65535) return { error: `--socket needs a port number, not '${port}'` };
    return connectSocket({ port: n, host: '127.0.0.1' }, `port ${n} on 127.0.0.1`);
  }
  const pipe = valueOf(args, '--pipe');
  if (pipe !== undefined) {
    if (pipe === '') return { error: '--pipe needs the name of a pipe' };
    return connectSocket({ path: pipe }, `pipe ${pipe}`);
  }
  return undefined;
}
