/**
 * The arguments of a fetch server action, as React's encodeReply writes them: row 0 is the JSON
 * array of arguments; a string starting with `$` is a tagged value, and most tags point to
 * another row (`$1`, `$@1`, `$Q1`: a model, promise, map… in row 1) or a form entry (`$B1`, a
 * blob). A text body is row 0 alone; a multipart body has a field per row. React throws on a
 * reference to a row that is not there, or on a malformed value, and Next answers that with a
 * 500: this check refuses such arguments first. It reads React 19's reply format (react-server-dom
 * parseModelString); a value it does not know is refused, so a change of format fails loudly.
 */

/** Tags of values that stand alone in their string. */
const SELF_CONTAINED = new Set(['$', 'T', 'K', 'I', '-', 'N', 'u', 'D', 'H']);
/** Tags of values kept in a form entry of their own (typed arrays, blobs): the entry must exist. */
const ENTRY_TAGS = new Set(['A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V', 'B']);
/** Tags of values that are another row (promises, maps, sets, iterators, streams). */
const ROW_TAGS = new Set(['@', 'Q', 'W', 'i', 'R', 'r', 'X', 'x']);
const HEX_ID = /^[0-9a-f]+(?::[^:]+)*$/i;
/** Rows a reply may have: more would be no form of this app. */
const MAX_ROWS = 1000;

/** A row's value by its field name: a string (JSON), a blob, or nothing. */
export type ReplyRows = (name: string) => string | Blob | null;

/** Why the arguments cannot be decoded (a problem code), or null when every reference resolves. */
export function actionReplyProblem(rows: ReplyRows): string | null {
  const pending: string[] = ['0'];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (seen.size > MAX_ROWS) return 'invalid_arguments';
    const row = rows(name);
    if (typeof row !== 'string') return 'invalid_arguments';
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      return 'invalid_json';
    }
    if (name === '0' && !Array.isArray(value)) return 'invalid_arguments';
    const problem = walk(value, rows, pending);
    if (problem) return problem;
  }
  return null;
}

function walk(value: unknown, rows: ReplyRows, pending: string[]): string | null {
  if (typeof value === 'string') return value.startsWith('$') ? tagged(value, rows, pending) : null;
  if (value === null || typeof value !== 'object') return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const problem = walk(item, rows, pending);
    if (problem) return problem;
  }
  return null;
}

function tagged(value: string, rows: ReplyRows, pending: string[]): string | null {
  const tag = value[1];
  if (tag === undefined) return 'invalid_arguments';
  if (tag === 'n') return /^\$n-?\d{1,300}$/.test(value) ? null : 'invalid_arguments';
  if (SELF_CONTAINED.has(tag)) return null;
  // A server reference as an argument: no form of this app passes one.
  if (tag === 'h' || tag === 'F') return 'invalid_arguments';
  const known = ENTRY_TAGS.has(tag) || ROW_TAGS.has(tag);
  const reference = known ? value.slice(2) : value.slice(1);
  if (!HEX_ID.test(reference)) return 'invalid_arguments';
  const name = String(parseInt(reference.split(':')[0]!, 16));
  if (ENTRY_TAGS.has(tag)) return rows(name) === null ? 'invalid_arguments' : null;
  pending.push(name);
  return null;
}
