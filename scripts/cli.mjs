// The command lines' shared conventions: options parsed by node's util.parseArgs (strict), --help
// (-h) printing the usage without touching the database, and wrong arguments answered in words.
// Exit codes: 0 done (and --help); 1 failed; 2 wrong arguments or environment (an unknown option or
// command, a missing value, an unsupported DATABASE_URL), never a stack trace.
import { parseArgs } from 'node:util';

export const EXIT_USAGE = 2;

/** Prints why the command cannot run as called (its arguments or environment) and exits 2. */
export function exitUsage(message) {
  console.error(message);
  process.exit(EXIT_USAGE);
}

/** Refuses the command line, with where to look. */
export function usageError(message) {
  exitUsage(`${message}; see --help`);
}

/** parseArgs' errors, said in a line: its own messages are long and tell how to pass a positional "--foo". */
function describe(error) {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `option ${quoted.split(' ')[0]} needs a value` : `option ${quoted.split(' ')[0]} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    default:
      return error.message;
  }
}

/**
 * The command line, parsed strictly (process.argv after the script unless `args` is given). --help
 * prints `usage` and exits 0; an unknown option, a missing value or an argument where none is taken
 * exits 2 with a line saying which.
 */
export function parseCommandLine({ usage, options = {}, allowPositionals = false, args = process.argv.slice(2) }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) usageError(describe(error));
    throw error;
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

const table = (rows) => {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
};

/**
 * A usage text in the same shape for every command: how it is called, what it does, its options,
 * the environment variables it reads, examples.
 */
export function usageText({ synopsis, description, options = [], environment = [], examples = [] }) {
  const [first, ...more] = synopsis;
  const lines = [`usage: ${first}`, ...more.map((s) => `       ${s}`), '', description];
  lines.push('', 'options:', ...table([...options, ['-h, --help', 'show this help and exit']]));
  if (environment.length > 0) lines.push('', 'environment:', ...table(environment));
  if (examples.length > 0) lines.push('', 'examples:', ...examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** DATABASE_URL, as every command that opens the database describes it. */
export const DATABASE_URL_HELP = ['DATABASE_URL', 'the database: a SQLite file path or file: URL (default .data/club-hub.db), or postgres://user:password@host:port/name'];
