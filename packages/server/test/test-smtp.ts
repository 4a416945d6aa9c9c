import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in-process on a loopback port: we exercise nodemailer's wire protocol
// instead of mocking it, and a closed port stands in for a mail server that is down.

export interface Received {
  rcptTo: string[];
  user: string | undefined;
  headers: Record<string, string>;
  text: string;
}

const latin1ToUtf8 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
const qp = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** RFC 2047 encoded words → text; adjacent words are joined before decoding (a character may straddle two). */
function decodeHeader(v: string): string {
  const joined = v.replace(/\?=\s+=\?/g, '?==?');
  const bytes = joined.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('latin1') : qp(data.replace(/_/g, ' ')),
  );
  return latin1ToUtf8(bytes);
}

function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const l of head.split('\r\n')) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).toLowerCase()] = decodeHeader(l.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : cte === 'quoted-printable' ? latin1ToUtf8(qp(body)) : latin1ToUtf8(body);
  return { headers, text: text.replace(/\r\n/g, '\n').trimEnd() };
}

export class TestSmtp {
  readonly received: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, cb) =>
        auth.username === 'cchc' && auth.password === 'mat-khau' ? cb(null, { user: auth.username }) : cb(new Error('bad credentials')),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            ...parseMail(Buffer.concat(chunks).toString('latin1')),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.on('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }
}
