import pinoPretty from 'pino-pretty';
import type { Config } from './config';

const REDACT = ['req.headers.authorization', 'req.headers.cookie'];

/**
 * The server's pino options. A developer at a terminal reads coloured one-line entries (pino-pretty, written
 * synchronously so that the shutdown line is not lost on exit); production and anything piped (systemd's journal,
 * a file, a log shipper) get one JSON object per line.
 */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'production'>, stdoutIsTty = process.stdout.isTTY === true): object {
  const options = { level: config.logLevel, redact: REDACT };
  if (config.production || !stdoutIsTty) return options;
  return { ...options, stream: pinoPretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) };
}
