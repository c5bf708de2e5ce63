// The benchmark's baseline: plain node:http answering every request with the
// bytes of BODY_FILE (the page bendi is measured on), as fast as this machine
// can. The same bytes, not a filler of the same size: autocannon decodes every
// body as UTF-8, and Chinese text costs the client several times what ASCII
// does, so a filler would measure a faster client, not a faster server. It
// runs as its own process so it gets a CPU of its own, like bendi does.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const bodyFile = process.env.BODY_FILE;
const port = Number(process.env.PORT);
if (!bodyFile || !Number.isInteger(port)) {
  console.error('bare-server: set BODY_FILE to a file and PORT to a whole number');
  process.exit(1);
}

const body = readFileSync(bodyFile);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) };

createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(port, '127.0.0.1');

process.once('SIGTERM', () => process.exit(0));
