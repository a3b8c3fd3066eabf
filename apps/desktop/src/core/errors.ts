import type { AppRouter } from '@picineiros/api';
import { TRPCClientError } from '@trpc/client';
import type { BridgeErrorShape } from '../ipc/contract';

/** The server did not answer (as opposed to: it answered no). */
export class OfflineError extends Error {}

/** A failure in the shape the renderer's tRPC link expects from the server. */
export function errorShape(code: string, message: string, httpStatus: number): BridgeErrorShape {
  return { message, code: -32000, data: { code, httpStatus } };
}

/** A failure that means "the server did not answer" rather than "the server said no". */
export function isNetworkFailure(error: unknown): boolean {
  return !(error instanceof TRPCClientError) || (error as TRPCClientError<AppRouter>).shape === undefined;
}
