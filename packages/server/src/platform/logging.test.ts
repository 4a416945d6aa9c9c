import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging';

describe('log format', () => {
  it('pretty-prints for a developer at a terminal', () => {
    const options = loggerOptions({ logLevel: 'debug', production: false }, true) as { level: string; stream?: unknown };
    expect(options.level).toBe('debug');
    expect(options.stream).toBeDefined();
  });

  it('writes JSON lines when stdout is not a terminal', () => {
    expect(loggerOptions({ logLevel: 'info', production: false }, false)).not.toHaveProperty('stream');
  });

  it('writes JSON lines in production, even at a terminal', () => {
    expect(loggerOptions({ logLevel: 'info', production: true }, true)).not.toHaveProperty('stream');
  });

  it('keeps credentials out of the log in every format', () => {
    for (const tty of [true, false])
      expect(loggerOptions({ logLevel: 'info', production: false }, tty)).toHaveProperty('redact', ['req.headers.authorization', 'req.headers.cookie']);
  });
});
