import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorPageText } from '../messages/error-messages.js';

/**
 * How long a socket may send nothing, while a request comes in or between
 * requests: a client that sends headers and a few bytes of a body and then
 * waits (one such connection per file descriptor was enough to stop the
 * server answering anyone) is cut off after this, as nginx's
 * client_body_timeout does.
 */
export const IDLE_SOCKET_MS = 60_000;

/**
 * The longest a whole request may take to arrive. Generous, because the
 * WordPress import takes files of up to 1 GB over a newsroom's uplink; a
 * client that keeps sending but too slowly to finish is cut off here.
 */
export const REQUEST_ARRIVAL_MS = 60 * 60_000;

/** The answer to a request Node could not read, by the parser's reason. */
function clientErrorAnswer(code: string | undefined): { status: number; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: errorPageText.requestTimedOut };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: errorPageText.headersTooLarge };
  return { status: 400, message: errorPageText.unreadableRequest };
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused (headers
 * too large, a malformed request line or body framing, one that took too long
 * to arrive) never reaches a route or a hook, so it is answered on the socket
 * itself, as Fastify's own handler does, but in Chinese and as plain text,
 * instead of Fastify's English JSON.
 */
export function answerUnreadableRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = clientErrorAnswer(error.code);
  const body = Buffer.from(`${message}\n`);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body);
  }
  socket.destroy(error);
}
