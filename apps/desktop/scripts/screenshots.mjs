#!/usr/bin/env node
// Screenshots of every page at 1366×768 into docs/screenshots, against a real server on a fresh SQLite
// database with the demo organization: pnpm --filter @picineiros/desktop screenshots
// Needs Debian's Chromium (apt-get install -y chromium), or CHROMIUM_PATH.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const desktop = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(desktop, '..', '..');
const outDir = join(root, 'docs', 'screenshots');
const email = process.env.DEMO_EMAIL ?? 'demo@picineiros.com.br';
const password = process.env.DEMO_PASSWORD ?? 'piscina-limpa-2026';

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

spawnSync('node', [join(desktop, 'scripts', 'ensure-web-build.mjs')], { stdio: 'inherit' });
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-shots-'));
const server = spawn('pnpm', ['--filter', '@picineiros/server', 'start'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
const base = `http://127.0.0.1:${port}`;
for (let attempt = 0; ; attempt += 1) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (attempt > 240) throw new Error('server did not start');
  await new Promise((resolve) => setTimeout(resolve, 250));
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
page.on('pageerror', (error) => console.error('page error:', error.message));
// The page's own scroll position, reset before a shot of a page's top.
const scrollToTop = () => page.evaluate(() => globalThis.scrollTo(0, 0));
const shot = async (name) => {
  await page.waitForLoadState('networkidle');
  // Park the pointer where it opens no tooltip.
  await page.mouse.move(1360, 760);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};

try {
  await page.goto(base);
  await page.getByLabel('E-mail').waitFor();
  await shot('01-sign-in');
  await page.goto(`${base}/#/register`);
  await shot('02-register');
  await page.goto(`${base}/#/forgot-password`);
  await shot('03-forgot-password');
  await page.goto(`${base}/#/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('figure-clients').waitFor();
  await shot('04-dashboard');
  await page.getByRole('link', { name: 'Clientes', exact: true }).click();
  await page.locator('table a').first().waitFor();
  await shot('05-clients');
  await page.locator('table a').first().click();
  await page.getByRole('heading', { level: 2 }).waitFor();
  await shot('06-client-detail');
  await page.goto(`${base}/#/clients/new`);
  await page.getByLabel('Nome').fill('Ricardo Alves');
  await page.getByLabel('CPF ou CNPJ').fill('12345678900');
  await page.getByLabel('Telefone').fill('1198765');
  await page.getByRole('button', { name: 'Salvar' }).click();
  await shot('07-client-new-with-errors');
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await shot('08-appointments-week');
  await page.getByText('Lista', { exact: true }).click();
  await shot('09-appointments-list');
  await page.getByRole('button', { name: 'Novo atendimento' }).click();
  await shot('10-appointment-new');
  await page.keyboard.press('Escape');
  // A visit opened from its card in the week, then the cancel question (answered "Voltar": nothing changes).
  await page.getByText('Semana', { exact: true }).click();
  await page.locator('[data-testid^="visit-open-"]').first().click();
  await page.getByRole('dialog', { name: 'Atendimento' }).waitFor();
  await shot('10b-appointment-edit');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid^="visit-actions-"]').first().click();
  await page.getByRole('menuitem', { name: 'Cancelar atendimento' }).click();
  await page.getByRole('dialog', { name: 'Cancelar este atendimento?' }).waitFor();
  await page.keyboard.type('Cliente viajou');
  await shot('10c-appointment-cancel');
  await page.getByRole('button', { name: 'Voltar' }).click();
  await page.getByRole('link', { name: 'Financeiro', exact: true }).click();
  await page.locator('table').waitFor();
  await shot('11-finance');
  await page.getByTestId('finance-status-filter').getByText('Pago', { exact: true }).click();
  await shot('11b-finance-paid');
  await page.getByTestId('finance-status-filter').getByText('Pendente', { exact: true }).click();
  const pay = page.getByRole('button', { name: 'Marcar como pago' }).first();
  if (await pay.count()) {
    await pay.click();
    await shot('12-finance-mark-paid');
    await page.keyboard.press('Escape');
  }
  await page.getByRole('link', { name: 'Notificações', exact: true }).click();
  await shot('13-notifications');
  await page.getByRole('link', { name: 'Meu perfil', exact: true }).click();
  await shot('14-profile');
  await page.getByText('Histórico de acesso').evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await shot('14b-profile-login-history');
  await scrollToTop();
  await page.getByRole('link', { name: 'Configurações', exact: true }).click();
  await page.getByText('Equipe e convites').waitFor();
  await shot('15-settings');
  await page.getByText('Acessos da equipe').evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await shot('15b-settings-team-logins');
  await scrollToTop();
  // LGPD: export with progress and download, organization deletion with its confirmation, account deletion,
  // the policy and the terms.
  await page.getByText('Privacidade e dados').evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await page.getByRole('button', { name: 'Solicitar exportação' }).click();
  await page.getByText('Pronta para baixar').waitFor({ timeout: 60_000 });
  await shot('17-settings-privacy-export');
  await page.getByRole('button', { name: 'Excluir empresa…' }).click();
  await page.getByLabel('Digite o nome da empresa para confirmar').fill('Piscinas');
  await page.getByLabel('Sua senha').fill(password);
  await shot('17b-delete-organization-confirm');
  const organizationName = await page
    .getByRole('dialog')
    .locator('.mantine-InputWrapper-description')
    .innerText();
  await page.getByLabel('Digite o nome da empresa para confirmar').fill(organizationName);
  await page.getByRole('button', { name: 'Agendar exclusão' }).click();
  await page.getByTestId('deletion-banner').waitFor();
  await scrollToTop();
  await shot('17c-deletion-scheduled');
  await page.getByRole('button', { name: 'Cancelar exclusão' }).click();
  await page.getByTestId('deletion-banner').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Meu perfil', exact: true }).click();
  await page.getByRole('button', { name: 'Excluir minha conta…' }).click();
  await page.getByRole('dialog').getByLabel('Sua senha').fill(password);
  await shot('17d-delete-account');
  await page.keyboard.press('Escape');
  await page.goto(`${base}/#/privacidade`);
  await page.getByRole('heading', { name: 'Política de privacidade' }).waitFor();
  await scrollToTop();
  await shot('18-privacy-policy');
  const visitor = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
  await visitor.goto(`${base}/#/termos`);
  await visitor.getByRole('heading', { name: 'Termos de uso' }).waitFor();
  await visitor.waitForLoadState('networkidle');
  await visitor.screenshot({ path: join(outDir, '18b-terms-signed-out.png') });
  console.log('docs/screenshots/18b-terms-signed-out.png');
  await visitor.close();
  await page.goto(`${base}/convite?token=exemplo`);
  await shot('16-accept-invite');
} finally {
  await browser.close();
  process.kill(-server.pid, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
