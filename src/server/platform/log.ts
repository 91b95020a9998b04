/**
 * The logger the layers below web/ are given: the methods of pino's that they use,
 * so they do not depend on Fastify (whose request and app loggers fit it).
 */
type LogMethod = (details: object, message: string) => void;

export interface Log {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}
