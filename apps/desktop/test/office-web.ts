import type { Browser, Page } from 'playwright-core';
import { startBillingServer, type BillingTestServer } from '../../server/test/billing-harness';
import { startFakeCep } from '../../server/test/fake-cep';
import { ensureWebBuild, openChromiumPage } from './browser';

/** What a new company's walk on the web build runs against (first-run and office-day suites). */
export type OfficeWeb = {
  /** The fake ViaCEP on loopback the server looks CEPs up in. */
  cep: Awaited<ReturnType<typeof startFakeCep>>;
  /** The server, with payments through the fake Asaas so the trial counts down. */
  billing: BillingTestServer;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
};

export async function startOfficeWeb(): Promise<OfficeWeb> {
  ensureWebBuild();
  const cep = await startFakeCep();
  const billing = await startBillingServer(new Date(), { CEP_LOOKUP_URL: cep.url });
  const { browser, page, pageErrors } = await openChromiumPage();
  return {
    cep,
    billing,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await billing.close();
      await cep.close();
    },
  };
}
