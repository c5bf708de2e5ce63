import fs from 'node:fs';

/**
 * A file written a piece at a time, waiting whenever the disk is behind:
 * an export of a large site never holds more than a page of it.
 */
export class LineWriter {
  private readonly stream: fs.WriteStream;
  private failure: Error | undefined;
  count = 0;

  constructor(file: string) {
    this.stream = fs.createWriteStream(file, { flags: 'wx' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await this.drained();
  }

  /** Resolves once the disk has caught up; rejects if writing failed meanwhile. */
  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.stream.off('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  /** One record as a line of JSON. */
  async record(value: unknown): Promise<void> {
    await this.write(`${JSON.stringify(value)}\n`);
    this.count++;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
