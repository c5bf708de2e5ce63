// The benchmark's baseline: plain node:http answering every request with a
// fixed HTML body of BODY_BYTES bytes, as fast as this machine can. It runs as
// its own process so it gets a CPU of its own, like bendi does.
import { createServer } from 'node:http';

const bytes = Number(process.env.BODY_BYTES);
const port = Number(process.env.PORT);
if (!Number.isInteger(bytes) || bytes < 1 || !Number.isInteger(port)) {
  console.error('bare-server: set BODY_BYTES and PORT to whole numbers');
  process.exit(1);
}

const body = Buffer.alloc(bytes, 'x');
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes) };

createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(port, '127.0.0.1');

process.once('SIGTERM', () => process.exit(0));
