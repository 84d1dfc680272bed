// A minimal LSP client over a child's stdio (Content-Length framing), enough
// to drive the language server like an editor and time its answers.
import { spawn } from 'node:child_process';

const now = () => process.hrtime.bigint();

export class LspClient {
  /** Clients whose server is still running (so a failed run can stop them). */
  static live = new Set();

  /** Spawns `node cli serve --stdio`; `spawnedAt` is taken just before the spawn. */
  static start(cli, { cwd, nodeArgs = [] } = {}) {
    const spawnedAt = now();
    const child = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--stdio'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new LspClient(child, spawnedAt);
  }

  constructor(child, spawnedAt) {
    this.child = child;
    this.spawnedAt = spawnedAt;
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.serverRequests = new Map();
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    LspClient.live.add(this);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      if (this.stderr.length < 100_000) this.stderr += s;
    });
    child.stdout.on('data', (chunk) => this.receive(chunk));
    child.on('exit', (code, signal) => {
      LspClient.live.delete(this);
      const err = new Error(`server exited (code ${code}, signal ${signal})\n${this.stderr}`);
      for (const p of this.pending.values()) p.reject(err);
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(err);
      }
      this.pending.clear();
      this.waiters = [];
    });
  }

  get pid() {
    return this.child.pid;
  }

  receive(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.toString('ascii', 0, headerEnd);
      const match = /Content-Length: *(\d+)/i.exec(header);
      if (!match) throw new Error(`bad LSP header: ${header}`);
      const length = Number(match[1]);
      const bodyStart = headerEnd + 4;
      if (this.buffer.length < bodyStart + length) return;
      const body = this.buffer.toString('utf8', bodyStart, bodyStart + length);
      this.buffer = this.buffer.subarray(bodyStart + length);
      const message = JSON.parse(body);
      this.dispatch(message, now());
    }
  }

  dispatch(message, at) {
    if ('id' in message && !('method' in message)) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error && !p.allowError) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve({ result: message.result, error: message.error, at });
      return;
    }
    if ('id' in message) {
      // A request from the server (workspace/diagnostic/refresh, client/registerCapability...): answer like an editor.
      this.serverRequests.set(message.method, (this.serverRequests.get(message.method) ?? 0) + 1);
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
      return;
    }
    for (let i = 0; i < this.waiters.length; i++) {
      const w = this.waiters[i];
      if (w.method === message.method && w.match(message.params)) {
        this.waiters.splice(i, 1);
        clearTimeout(w.timer);
        w.resolve({ params: message.params, at });
        return;
      }
    }
    this.onNotification?.(message, at);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Sends a request; resolves with its result and the time the response arrived. */
  request(method, params, { allowError = false, timeoutMs = 60_000 } = {}) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms; server stderr:\n${this.stderr}`));
      }, timeoutMs);
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        fn(value);
      };
      this.pending.set(id, { method, resolve: settle(resolve), reject: settle(reject), allowError });
    });
    this.send({ jsonrpc: '2.0', id, method, params });
    return promise;
  }

  /**
   * A request no server implements: the MethodNotFound error comes straight
   * back, so this times the transport alone (framing, pipes, both event loops).
   */
  async ping() {
    const t0 = now();
    const { at } = await this.request('alloyBench/ping', null, { allowError: true });
    return Number(at - t0) / 1e6;
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first later notification `method` whose params satisfy `match`. Register before sending. */
  expect(method, match, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const waiter = { method, match, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** initialize + initialized. `pull` advertises pull diagnostics (textDocument.diagnostic). */
  async initialize({ rootUri = null, pull = false } = {}) {
    const capabilities = {
      general: { positionEncodings: ['utf-16'] },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: pull ? { diagnostics: { refreshSupport: true } } : {},
    };
    const response = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: null,
    });
    this.notify('initialized', {});
    return response;
  }

  async shutdown() {
    try {
      await this.request('shutdown', null, { timeoutMs: 5_000 });
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
