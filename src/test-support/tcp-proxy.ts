import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** A network fault: every connection through it drops, and new ones are refused. */
  cut(): Promise<void>;
  /**
   * The server stalls (SIGSTOP, a black hole on the way): connections stay open
   * but nothing passes either way, and so does every connection made meanwhile.
   * What clients send is held, not lost.
   */
  hang(): void;
  /** What clients sent since the hang began, as the server would read it (RESP for Redis): for a test to count the commands that went out. */
  held(): string;
  /** What clients sent since the relay started, passed on or held, as the server would read it. */
  sent(): string;
  /**
   * New connections pass again while those hung stay hung: a NAT, load balancer
   * or relay that keeps a connection open after the server side of it died (half-open).
   */
  open(): void;
  /** The server runs again: every connection passes, and what was held goes through. */
  resume(): void;
  /** Requests reach the server, but a connection drops as soon as the server answers: it did the work, and the client never hears. */
  loseAnswers(): void;
  /** The server is back from a restart: hung connections drop, new ones pass, and after a cut the same port listens again. */
  restore(): Promise<void>;
  /** Stops the relay for good, dropping every connection. */
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  hung: boolean;
  /** Chunks held while hung, each with the side it is for, in the order they came. */
  waiting: Array<[Socket, Buffer]>;
}

/** A relay on a loopback port to `target`, for a test to cut, hang or garble the link between a process and a server it depends on (Redis, PostgreSQL, the object store). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let hanging = false;
  let losingAnswers = false;
  let heldFromClients: Buffer[] = [];
  const sentFromClients: Buffer[] = [];

  const forward = (link: Link, from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (from === link.client) sentFromClients.push(chunk);
      if (losingAnswers && from === link.upstream) {
        link.client.destroy();
        return void link.upstream.destroy();
      }
      if (!link.hung) return void to.write(chunk);
      link.waiting.push([to, chunk]);
      if (from === link.client) heldFromClients.push(chunk);
    });
    from.on('end', () => to.end());
    // A side that closes takes the other with it, as a TCP connection through a relay does.
    from.on('close', () => {
      to.destroy();
      links.delete(link);
    });
    from.on('error', () => from.destroy());
  };
  const relay = (client: Socket) => {
    const link: Link = { client, upstream: createConnection(target), hung: hanging, waiting: [] };
    links.add(link);
    forward(link, link.client, link.upstream);
    forward(link, link.upstream, link.client);
  };

  let server: Server | undefined;
  const listen = async (port: number) => {
    server = createServer(relay);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  };
  const port = await listen(0);
  const dropAll = () => {
    for (const link of links) {
      link.client.destroy();
      link.upstream.destroy();
    }
  };
  const cut = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise((resolve) => closing.close(resolve));
    dropAll();
    await closed;
  };
  return {
    port,
    cut,
    hang() {
      hanging = true;
      heldFromClients = [];
      for (const link of links) link.hung = true;
    },
    held: () => Buffer.concat(heldFromClients).toString(),
    sent: () => Buffer.concat(sentFromClients).toString(),
    open() {
      hanging = false;
    },
    resume() {
      hanging = false;
      for (const link of links) {
        link.hung = false;
        for (const [to, chunk] of link.waiting.splice(0)) if (!to.destroyed) to.write(chunk);
      }
    },
    loseAnswers() {
      losingAnswers = true;
    },
    async restore() {
      if (!server) await listen(port);
      for (const link of links) {
        if (!link.hung) continue;
        link.client.destroy();
        link.upstream.destroy();
      }
      hanging = false;
      losingAnswers = false;
    },
    close: cut,
  };
}
