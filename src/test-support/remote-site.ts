import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RemoteSite {
  server: http.Server;
  origin: string;
  /** For the fetcher's allowedPrivateHosts: only this host:port is let through the address check. */
  hostPort: string;
}

/** A local server that plays another site (images, pages), answering with whatever the handler writes. */
export function startRemoteSite(handler: http.RequestListener): Promise<RemoteSite> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, hostPort: `127.0.0.1:${port}` });
    }),
  );
}
