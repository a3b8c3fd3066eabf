// A PDF worker thread: renders one report at a time for the pool in ./pool.ts. jsPDF and autotable are
// synchronous and can take seconds for a long report, so they run here and never on the event loop that
// answers every tenant's requests.
import { parentPort } from 'node:worker_threads';
import { renderPdf } from '@picineiros/api/client';
import type { PdfJob } from './pool';

const port = parentPort;
if (!port) throw new Error('pdf worker: not started as a worker thread');

port.postMessage({ ready: true });
port.on('message', (message: { id: number; job: PdfJob }) => {
  try {
    const { heading, columns, rows, totals } = message.job;
    const pdf = renderPdf(heading, columns, rows, totals);
    port.postMessage({ id: message.id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
