import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy in front of one service that can hold every answer back for a while. */
export interface DelayProxy {
  /** The proxy's URL for `path` (e.g. `/graphql`). */
  url(path?: string): string;
  /** Answers are held this long after the service answered (0: passed on at once). */
  delayMs: number;
  /** Requests whose client went away before the held answer was sent (the caller timed out). */
  readonly abandoned: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 that forwards each request to `target` (e.g. http://127.0.0.1:4003) unchanged and
 * passes the answer on `delayMs` after it arrived: a slow subgraph, without changing the subgraph.
 */
export async function startDelayProxy(target: string): Promise<DelayProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let abandoned = 0;
  const sockets = new Set<import('node:net').Socket>();
  const held = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    let gone = false;
    res.on('close', () => (gone = !res.writableFinished));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, agent },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const timer = setTimeout(() => {
              held.delete(timer);
              if (gone || res.destroyed) {
                abandoned += 1;
                return;
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            }, proxy.delayMs);
            held.add(timer);
          });
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const proxy: DelayProxy = {
    delayMs: 0,
    get abandoned() {
      return abandoned;
    },
    url: (path = '/graphql') => `http://127.0.0.1:${port}${path}`,
    async close() {
      for (const t of held) clearTimeout(t);
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
