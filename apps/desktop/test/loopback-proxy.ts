import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the test server, so a test can "pull the cable": `down()` drops every connection
 * and stops listening, `up()` listens again on the same port. The server itself keeps running.
 */
export async function startLoopbackProxy(target: () => URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  async function up(): Promise<void> {
    server = createServer((client) => {
      const { hostname, port: targetPort } = target();
      const upstream = connect(Number(targetPort), hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    if (address && typeof address === 'object') port = address.port;
  }

  async function down(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => {
      if (server)
        server.close(() => {
          resolve();
        });
      else resolve();
    });
    server = undefined;
  }

  await up();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    up,
    down,
  };
}
