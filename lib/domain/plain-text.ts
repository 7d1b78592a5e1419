/*
 * What free text may contain. C0 and C1 control characters break the formats the text is written
 * into (a CR/LF in a title starts a new property of an .ics file, a NUL cuts a string short), and
 * the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a text
 * display differently from what it says (a venue that reads as another). A line of text (a title,
 * a name, a venue) admits none of them, nor the Unicode line and paragraph separators; a text of
 * several lines (a description, a complaint) admits line feeds, alone or after a carriage return,
 * as a browser's textarea sends them.
 */
const BIDI_CONTROLS = '\\u202A-\\u202E\\u2066-\\u2069';
const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROLS}]`);
const UNSAFE_IN_TEXT = new RegExp(`[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROLS}]|\\r(?!\\n)`);
const UNSAFE_ANYWHERE = new RegExp(`[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROLS}]`, 'g');

/** Whether a one-line text is free of control characters, line breaks and bidi controls. */
export function isPlainLine(value: string): boolean {
  return !UNSAFE_IN_LINE.test(value);
}

/** Whether a text of several lines is free of control characters (line feeds aside) and bidi controls. */
export function isPlainText(value: string): boolean {
  return !UNSAFE_IN_TEXT.test(value);
}

/**
 * Text stored before these rules, made plain for writing out: line breaks become line feeds,
 * anything else unsafe goes.
 */
export function toPlainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE_ANYWHERE, '');
}
