import pino from 'pino';

/** JSON logs. Paths that could hold a secret are redacted, whatever logs them. */
export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    redact: { paths: ['token', '*.token', 'url', '*.url', 'req.headers.authorization', 'headers.authorization'], censor: '[hidden]' },
  });
}
