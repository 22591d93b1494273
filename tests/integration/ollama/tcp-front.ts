/**
 * A TCP front for the test servers: it counts every connection a client
 * opens, keeps the bytes clients sent (so a test can see which headers
 * reached the server), and either forwards to a target port or resets the
 * connection at once, the way a host that is down looks to a client.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface TcpFront {
  /** "http://ADDRESS:PORT", with the address it listens on. */
  readonly origin: string;
  readonly port: number;
  /** Connections opened so far, forwarded or reset. */
  readonly connections: number;
  /** What clients sent on forwarded connections, one string per connection (latin1). */
  readonly sent: readonly string[];
  /** true: reset every connection, open or new; false: forward to the target. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export interface TcpFrontOptions {
  /** Where to forward; without it every connection is reset (a host that is down). */
  targetPort?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
}

export async function startTcpFront(options: TcpFrontOptions = {}): Promise<TcpFront> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const sent: string[] = [];
  let connections = 0;
  let down = options.targetPort === undefined;
  const server: Server = createServer((client) => {
    connections++;
    if (down || options.targetPort === undefined) {
      client.resetAndDestroy();
      return;
    }
    const index = sent.push('') - 1;
    const upstream = connect(options.targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => (sent[index] += chunk.toString('latin1')));
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    sent,
    setDown(value: boolean) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An IPv4 address of this machine that is not loopback, or null on a machine without one. */
export function lanAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

/** Every Authorization header value in what clients sent through the front. */
export function authorizationsSent(front: TcpFront): string[] {
  return front.sent.flatMap((text) => [...text.matchAll(/^authorization:\s*(.*?)\r$/gim)].map((m) => m[1] ?? ''));
}
