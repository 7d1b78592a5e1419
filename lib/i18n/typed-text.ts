import type { Locale } from './locale';

/** The language a piece of typed text is in, when the app can tell: Chinese if it has Han characters, English if it has Latin letters only. */
export type TextLanguage = Locale | null;

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** Which language someone typed `text` in; null for text in neither (numbers, a code, a phone number). */
export function textLanguage(text: string): TextLanguage {
  if (HAN.test(text)) return 'zh-CN';
  if (LATIN.test(text)) return 'en';
  return null;
}

/** Text typed by a person as the UI shows it: as typed, with its language, and whether to mark that language. */
export interface TypedTextView {
  text: string;
  /** The `lang` attribute of the element that holds it; null when it reads the same in either UI. */
  lang: Locale | null;
  /** True when the text is in a language other than the UI's, so a small marker says which. */
  marked: boolean;
}

/** How to show one typed text in the UI's language. */
export function typedTextView(uiLocale: string, text: string): TypedTextView {
  const lang = textLanguage(text);
  return { text, lang, marked: lang !== null && lang !== uiLocale };
}

/**
 * How to show a text people keep in two languages where the English one may be missing (an
 * event's venue or description, a service's description): the English one in the English UI when
 * there is one, the Chinese one otherwise, marked when it is not in the UI's language.
 */
export function bilingualTextView(uiLocale: string, zh: string, en: string | null | undefined): TypedTextView {
  return typedTextView(uiLocale, uiLocale === 'en' && en ? en : zh);
}

/** A piece of a sentence: the app's own words, or a parameter someone typed. */
export type SentencePart = string | { typed: string };

// An invisible separator no message or typed text holds: it marks where a typed parameter goes.
const SLOT = '\u2063';

/**
 * Formats a sentence with some parameters typed by people (a name, a venue, an answer), so that
 * each can be shown as typed and marked with its language: `format` gets a slot in place of each
 * typed parameter, and the result is split around the slots.
 */
export function sentenceWithTyped<P extends Record<string, string | number>>(params: P, typedKeys: readonly (keyof P & string)[], format: (params: P) => string): SentencePart[] {
  const slotted = { ...params };
  for (const key of typedKeys) (slotted as Record<string, string | number>)[key] = `${SLOT}${key}${SLOT}`;
  const pieces = format(slotted).split(SLOT);
  // split gives text, key, text, key, text...: the odd pieces name a typed parameter.
  return pieces
    .map((piece, i): SentencePart => (i % 2 === 1 ? { typed: String(params[piece] ?? '') } : piece))
    .filter((part) => (typeof part === 'string' ? part !== '' : part.typed !== ''));
}
