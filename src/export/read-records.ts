import fs from 'node:fs';
import readline from 'node:readline';

/** One line of a JSON-lines file: its record, or why it could not be read. */
export type ReadLine = { line: number; record: unknown } | { line: number; error: string };

/**
 * The records of a JSON-lines file one at a time, streamed: a line that is
 * not JSON is handed over as an error, and the reading goes on. A missing
 * file has no records (an export of a site without readers, say, may lack none,
 * but a damaged one may).
 */
export async function* readRecords(file: string): AsyncGenerator<ReadLine> {
  if (!fs.existsSync(file)) return;
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    try {
      yield { line, record: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, error: `不是有效的 JSON（${(error as Error).message.slice(0, 80)}）` };
    }
  }
}
