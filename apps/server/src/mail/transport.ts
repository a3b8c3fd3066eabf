import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailSender } from '@picineiros/api/server';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

type LogInfo = { info(object: object, message?: string): void };

/**
 * SMTP when SMTP_URL is set. Otherwise (the embedded default) each mail is written as an .eml file under
 * DATA_DIR/mail and logged, so a newcomer can open what would have been sent.
 */
export function createMailSender(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>,
  logger: LogInfo,
): MailSender {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      send: async (mail) => {
        await transport.sendMail({ from: config.mailFrom, ...mail });
      },
    };
  }
  const directory = join(config.dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (mail) => {
      const info = await transport.sendMail({ from: config.mailFrom, ...mail });
      if (!Buffer.isBuffer(info.message)) throw new Error('expected a buffered message');
      mkdirSync(directory, { recursive: true });
      const file = join(
        directory,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
      );
      writeFileSync(file, info.message);
      logger.info(
        { to: mail.to, subject: mail.subject, file },
        'mail written to file (no SMTP_URL configured)',
      );
    },
  };
}
