import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { CliError } from './cli-error.js';
import { promptTwice, readPassword } from './read-password.js';

describe('readPassword from a pipe', () => {
  const cases: Array<[string, string]> = [
    ['secret password\n', 'secret password'],
    ['secret password\r\n', 'secret password'],
    ['secret password', 'secret password'],
    ['secret password\n\n', 'secret password\n'],
    [' spaced out \n', ' spaced out '],
  ];
  for (const [piped, expected] of cases) {
    it(`reads ${JSON.stringify(piped)} as ${JSON.stringify(expected)}`, async () => {
      assert.equal(await readPassword(Readable.from([piped]), new PassThrough()), expected);
    });
  }
});

// A terminal is stood in for by a stream: readline handles it the same way, minus raw mode.
describe('promptTwice at a terminal', () => {
  function prompt(typed: string): { result: Promise<string>; shown: () => Promise<string> } {
    const input = new PassThrough();
    const prompts = new PassThrough();
    const result = promptTwice(input, prompts);
    input.end(typed);
    const shown = () => {
      prompts.end();
      return text(prompts);
    };
    return { result, shown };
  }

  it('asks twice and never echoes what was typed, even when both lines come in one chunk', async () => {
    const { result, shown } = prompt('typed secret\rtyped secret\r');
    assert.equal(await result, 'typed secret');
    const output = await shown();
    assert.match(output, /New password: .*confirm: /s);
    assert.doesNotMatch(output, /typed secret/);
  });

  it('refuses two different answers', async () => {
    const { result } = prompt('typed secret\rtyped secreT\r');
    await assert.rejects(result, (error: unknown) => error instanceof CliError && /differ/.test(error.message));
  });

  it('gives up when the input ends', async () => {
    const { result } = prompt('typed secret\r');
    await assert.rejects(result, (error: unknown) => error instanceof CliError && /cancelled/.test(error.message));
  });
});
