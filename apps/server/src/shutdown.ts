import type { FastifyInstance } from 'fastify';

const stopping = new WeakSet<FastifyInstance>();

/** Whether shutdown has begun (then /readyz answers 503, so a load balancer stops sending traffic). */
export function isShuttingDown(app: FastifyInstance): boolean {
  return stopping.has(app);
}

/**
 * Stops the HTTP server. First, for `drainMs`, /readyz answers 503 while everything else is still served
 * (a load balancer notices and sends new requests elsewhere); then no new connections, requests in flight
 * finish, idle keep-alive sockets close. A connection still open `deadlineMs` after that (a stalled
 * upload, a slow client, a long-lived SSE stream) is closed by force, so SIGTERM always ends within
 * drain + deadline. Answers whether it had to force.
 */
export async function closeWithDeadline(
  app: FastifyInstance,
  deadlineMs: number,
  drainMs = 0,
): Promise<{ forced: boolean; durationMs: number }> {
  const startedAt = performance.now();
  stopping.add(app);
  if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.log.warn({ deadlineMs }, 'shutdown deadline reached: closing the open connections');
    app.server.closeAllConnections();
  }, deadlineMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { forced, durationMs: Math.round(performance.now() - startedAt) };
}
