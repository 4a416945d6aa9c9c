import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';

/** One plain-text e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Outgoing e-mail over SMTP (nodemailer). The only edge the notification service talks to, so
 * tests point it at an in-process SMTP server instead of mocking it.
 */
export class Mailer {
  private readonly transport: Transporter;

  /**
   * @param url `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465`
   * @param from sender address, e.g. `"Bộ phận Một cửa" <motcua@example.gov.vn>`
   */
  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Short timeouts: delivery runs after commit and on a timer, and a hung server must not
    // hold a batch for minutes; the row is retried later anyway.
    this.transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  /** A mailer from SMTP_URL / SMTP_FROM, or null when mail is not configured. */
  static fromConfig(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | null {
    if (!config.smtpUrl) return null;
    if (!config.smtpFrom) throw new Error('SMTP_FROM must be set when SMTP_URL is set');
    return new Mailer(config.smtpUrl, config.smtpFrom);
  }

  /** Sends one message; rejects with the SMTP error when the server refuses or cannot be reached. */
  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
  }

  close(): void {
    this.transport.close();
  }
}
