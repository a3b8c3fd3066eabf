// A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed by mailparser. It can be
// stopped and started again on the same port to simulate an outage.
import type { AddressInfo } from 'node:net';
import { deliverDueMail, type DeliveryResult } from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createMailSender } from '../src/mail/transport';

export type ReceivedMail = {
  from: string;
  to: string[];
  /** The Reply-To header's addresses ('' when absent). */
  replyTo: string;
  subject: string;
  text: string;
  html: string;
};

export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | undefined;

  async function listen(): Promise<void> {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // No reverse DNS of 127.0.0.1: it costs ~100 ms per connection here.
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              replyTo: parsed.replyTo?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: unknown) => {
            callback(error instanceof Error ? error : new Error(String(error)));
          });
      },
    });
    const current = server;
    await new Promise<void>((resolve, reject) => {
      current.once('error', reject);
      current.listen(port, '127.0.0.1', () => {
        resolve();
      });
    });
    port = (current.server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (!current) return;
    await new Promise<void>((resolve) => {
      current.close(() => {
        resolve();
      });
    });
  }

  await listen();
  return {
    received,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    stop,
    start: listen,
  };
}

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the server's mail worker once, sending what is due at `now` to the SMTP server at `smtpUrl`. */
export function deliverThrough(smtpUrl: string, database: Database, now: Date): Promise<DeliveryResult> {
  const sender = createMailSender(
    { smtpUrl, mailFrom: 'Picineiros <nao-responda@picineiros.test>', dataDir: '' },
    silentLogger,
  );
  return deliverDueMail(database, sender, now, silentLogger);
}

/** The token of the first link in a mail's text. */
export function tokenFrom(mail: ReceivedMail | undefined): string {
  const token = mail ? /[?&]token=([\w%-]+)/.exec(mail.text)?.[1] : undefined;
  if (!token) throw new Error('no link with a token in the mail');
  return decodeURIComponent(token);
}

/** The 6-digit sign-up code in a mail's text. */
export function codeFrom(text: string | undefined): string {
  const code = text ? /\b(\d{6})\b/.exec(text)?.[1] : undefined;
  if (!code) throw new Error('no 6-digit code in the mail');
  return code;
}
