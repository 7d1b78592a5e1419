import pino, { type DestinationStream, type Logger } from 'pino';
import { maskMobile } from '@/lib/domain/masking';
import { currentRequestContext } from './request-context';

/** A mainland mobile number anywhere in a text (not inside a longer run of digits). */
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** A text with every mobile number in it masked: 18612341234 -> 186****1234. */
export function maskMobilesIn(text: string): string {
  return text.replace(MOBILE_IN_TEXT, '$1****$2');
}

// Keys that would carry a secret or a customer's number, at the top level or one level down. A
// `code` is redacted at the top level only: one level down it is an error's code (SQLITE_BUSY).
const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'passwordHash', 'token', 'secret', 'otp', 'authorization', 'cookie', 'mobile'];
const REDACTED = ['code', ...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`)];

function censor(value: unknown, path: string[]): unknown {
  return path.at(-1) === 'mobile' && typeof value === 'string' ? maskMobile(value) : '[redacted]';
}

/** Errors keep their type and stack, with any mobile number in their text masked. */
function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error);
  if (!serialized || typeof serialized !== 'object') return serialized;
  return { ...serialized, message: maskMobilesIn(String(serialized.message ?? '')), stack: maskMobilesIn(String(serialized.stack ?? '')) };
}

const level = () => process.env.LOG_LEVEL ?? 'info';
const LINE_FORMAT = {
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
};

/**
 * A logger writing JSON lines (level, time, message, fields, and the request id of the request
 * being served) at `LOG_LEVEL` (default info). Keys that would carry a secret are redacted and
 * mobile numbers masked, in fields, messages and errors alike, as a second line of defence:
 * callers still mask numbers themselves (maskMobile) and never pass codes or passwords.
 */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      ...LINE_FORMAT,
      level: level(),
      mixin: () => {
        const context = currentRequestContext();
        return context ? { reqId: context.requestId } : {};
      },
      redact: { paths: REDACTED, censor },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? maskMobilesIn(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

/**
 * The access log's logger: the same lines, without the second line of defence, which would cost
 * a request more than the rest of its line (measured: 30 µs a line with it). Its fields are only
 * those the HTTP server writes itself: ids, a status, a path it masks (maskMobilesIn).
 */
export function createAccessLogger(destination?: DestinationStream): Logger {
  return pino({ ...LINE_FORMAT, level: level() }, destination);
}

// The custom server and Next's bundles each load this module: the loggers (with one writer to
// stdout, so that lines never interleave) are shared through globalThis.
const KEY = Symbol.for('club-hub.loggers');
const holder = globalThis as typeof globalThis & { [KEY]?: { log: Logger; accessLog: Logger } };
const loggers = (holder[KEY] ??= (() => {
  const stdout = pino.destination({ dest: 1, sync: false });
  return { log: createLogger(stdout), accessLog: createAccessLogger(stdout) };
})());

/** The server's logger. */
export const log: Logger = loggers.log;
/** One line per answer, written by the HTTP server in front of Next. */
export const accessLog: Logger = loggers.accessLog;
