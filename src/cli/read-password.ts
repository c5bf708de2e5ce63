import { text } from 'node:stream/consumers';
import { Writable } from 'node:stream';
import readline from 'node:readline';
import { CliError } from './cli-error.js';

/**
 * The new password: typed twice at a prompt that does not echo when standard
 * input is a terminal, otherwise everything piped in, less one trailing newline
 * (`echo secret | npx bendi …` adds it; a password itself never ends in one).
 */
export async function readPassword(
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
  prompts: NodeJS.WritableStream,
): Promise<string> {
  if (!stdin.isTTY) return (await text(stdin)).replace(/\r?\n$/, '');
  return promptTwice(stdin, prompts);
}

/**
 * Asks for the password and its confirmation. readline puts a terminal in raw
 * mode, so the terminal does not echo; what readline itself would echo goes to
 * a sink. One interface serves both questions because a paste can bring both
 * lines in one chunk.
 */
export async function promptTwice(input: NodeJS.ReadableStream, prompts: NodeJS.WritableStream): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input, output: sink, terminal: true });
  const lines = rl[Symbol.asyncIterator]();
  const interrupted = new Promise<never>((_resolve, reject) => {
    rl.once('SIGINT', () => reject(new CliError('cancelled', 130)));
  });
  const ask = async (prompt: string): Promise<string> => {
    prompts.write(prompt);
    const line = await Promise.race([lines.next(), interrupted]).finally(() => prompts.write('\n'));
    if (line.done) throw new CliError('cancelled: no password given');
    return line.value;
  };
  try {
    const password = await ask('New password: ');
    if ((await ask('Once more, to confirm: ')) !== password) throw new CliError('the two passwords differ; nothing was changed');
    return password;
  } finally {
    rl.close();
  }
}
