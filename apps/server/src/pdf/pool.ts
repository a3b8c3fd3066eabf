import { Worker } from 'node:worker_threads';
import type { PdfRenderer } from '@picineiros/api/server';

export type PdfJob = Parameters<PdfRenderer>[0];

/** The pool is full (every worker busy and the queue at its bound): try again in a moment (HTTP 503). */
export class PdfBusyError extends Error {}
/** A report took longer than the pool's timeout; its worker was stopped (HTTP 503). */
export class PdfTimeoutError extends Error {}

export type PdfPoolOptions = {
  /** Worker threads (each renders one PDF at a time). */
  size: number;
  /** PDFs waiting for a worker, beyond which a request is refused at once instead of queued. */
  maxQueue: number;
  /** Longest a PDF may render; then its worker is terminated and replaced. */
  timeoutMs: number;
};

export type PdfPool = {
  render: PdfRenderer;
  /** Rendering or waiting now (for tests and metrics). */
  stats(): { busy: number; queued: number; workers: number };
  close(): Promise<void>;
};

type Pending = {
  job: PdfJob;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
};

type Slot = {
  worker: Worker;
  /** Set once the thread has loaded jsPDF: a PDF's time limit does not count the thread's start. */
  ready: boolean;
  current: (Pending & { id: number; timer: NodeJS.Timeout }) | null;
};

// A plain JavaScript entry that registers tsx in the thread, then loads ./worker.ts: loaders given to the
// main thread (`tsx src/main.ts`, vitest) do not reach worker threads on Node 20.
const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A small pool of worker threads for PDF reports: a bounded queue (a burst of report requests from one
 * tenant waits or is refused, it never piles up memory or blocks the others) and a timeout per PDF.
 * Workers start on the first PDF and stay; each is limited to 512 MB of heap.
 */
export function createPdfPool(options: PdfPoolOptions): PdfPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, current: null };
    worker.on('message', (message: { ready?: true; id?: number; pdf?: Uint8Array; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        dispatch();
        return;
      }
      const current = slot.current;
      if (!current || current.id !== message.id) return;
      clearTimeout(current.timer);
      slot.current = null;
      if (message.pdf)
        current.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
      else current.reject(new Error(message.error ?? 'pdf worker failed'));
      dispatch();
    });
    const replace = (error: Error) => {
      const current = slot.current;
      slot.current = null;
      if (current) {
        clearTimeout(current.timer);
        current.reject(error);
      }
      const index = slots.indexOf(slot);
      if (index !== -1) slots.splice(index, 1);
      dispatch();
    };
    worker.on('error', replace);
    worker.on('exit', () => {
      replace(new Error('pdf worker exited'));
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = (): void => {
    if (closed) return;
    while (queue.length > 0) {
      if (slots.length < options.size && !slots.some((candidate) => candidate.current === null)) spawn();
      const slot = slots.find((candidate) => candidate.ready && candidate.current === null);
      if (!slot) return;
      const pending = queue.shift();
      if (!pending) return;
      const id = nextId++;
      const timer = setTimeout(() => {
        // Its worker is stopped: a runaway report frees its thread and memory; 'exit' replaces it.
        const current = slot.current;
        slot.current = null;
        // Out of the pool at once, so no job is handed to the thread being stopped.
        const index = slots.indexOf(slot);
        if (index !== -1) slots.splice(index, 1);
        current?.reject(new PdfTimeoutError(`pdf took longer than ${options.timeoutMs} ms`));
        void slot.worker.terminate();
        dispatch();
      }, options.timeoutMs);
      timer.unref();
      slot.current = { ...pending, id, timer };
      slot.worker.postMessage({ id, job: pending.job });
    }
  };

  return {
    render: (job) =>
      new Promise<Buffer>((resolve, reject) => {
        if (closed) {
          reject(new PdfBusyError('pdf pool closed'));
          return;
        }
        // Threads free or still to start take a job each; past them, at most maxQueue wait.
        const free = slots.filter((slot) => slot.current === null).length + (options.size - slots.length);
        if (queue.length >= free + options.maxQueue) {
          reject(new PdfBusyError('pdf queue full'));
          return;
        }
        queue.push({ job, resolve, reject });
        dispatch();
      }),
    stats: () => ({
      busy: slots.filter((slot) => slot.current !== null).length,
      queued: queue.length,
      workers: slots.length,
    }),
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new PdfBusyError('pdf pool closed'));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
