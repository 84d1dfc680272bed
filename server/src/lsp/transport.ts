/**
 * The stdio message writer. vscode-jsonrpc's stream writer writes the
 * `Content-Length` header and the body with two separate writes; on a pipe
 * each write is a system call of its own (about 0.1 ms here), which is a
 * measurable share of a sub-millisecond keystroke-to-diagnostics budget.
 * This writer sends each message with one write.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class SingleWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const data = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    return new Promise((resolve, reject) => {
      this.stream.write(data, (error?: Error | null) => {
        if (error) {
          this.errorCount++;
          this.fireError(error, message, this.errorCount);
          reject(error);
        } else {
          this.errorCount = 0;
          resolve();
        }
      });
    });
  }

  end(): void {}
}
