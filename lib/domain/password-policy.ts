import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Staff passwords guard the names and numbers of a province's customers, so they follow a
 * stricter rule than members' own web passwords (lib/domain/otp.ts): at least 12 characters, and
 * hard to guess as zxcvbn measures it. zxcvbn tries what cracking tools try first: its list of
 * common passwords (the most used ones of public breaches, pinyin ones such as woaini1314
 * included), words, names, keyboard walks, sequences, repeats, dates and l33t spellings, and the
 * person's own username and name.
 */
export const STAFF_PASSWORD_MIN_LENGTH = 12;
export const STAFF_PASSWORD_MAX_LENGTH = 200;

/**
 * zxcvbn's top score: at least 10^10 guesses. Score 3 (10^8) still lets through what password
 * sprays try first (Summer2024!!, P@ssw0rd-style variants padded past 12 characters score 3), and
 * 10^8 argon2id guesses of a leaked hash are within reach of a rented GPU farm.
 */
export const STAFF_PASSWORD_MIN_GUESSES_LOG10 = 10;

/** Words anyone attacking this deployment would try first. */
const APP_WORDS = ['clubhub', 'club', 'hub', 'unicom', 'chinaunicom', 'liantong', 'wo3g', 'admin', 'operator', 'analyst'];

/**
 * Estimating a long password with many l33t look-alikes costs zxcvbn seconds of CPU; its first 40
 * characters already tell a strong password from a weak one.
 */
const ESTIMATED_LENGTH = 40;

let estimator: ZxcvbnFactory | undefined;

// Built on first use: ranking the 57,000 words of the lists takes about half a second.
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary, appWords: APP_WORDS }, graphs: adjacencyGraphs, maxLength: ESTIMATED_LENGTH });
  return estimator;
}

export type StaffPasswordRefusal = 'staff_password_too_short' | 'text_too_long' | 'staff_password_weak';

/**
 * Why a staff password is refused, or null when it is good. `personal`: the account's username and
 * name, which the password must not lean on.
 */
export function staffPasswordRefusal(password: string, personal: readonly string[] = []): StaffPasswordRefusal | null {
  if (password.length < STAFF_PASSWORD_MIN_LENGTH) return 'staff_password_too_short';
  if (password.length > STAFF_PASSWORD_MAX_LENGTH) return 'text_too_long';
  // Parts of a username (gd.operator) and of a name are words of their own to an attacker.
  const userInputs = personal.flatMap((p) => [p, ...p.split(/[\s._@-]+/)]).filter((p) => p.length >= 3);
  const { guessesLog10 } = getEstimator().check(password, userInputs);
  return guessesLog10 < STAFF_PASSWORD_MIN_GUESSES_LOG10 ? 'staff_password_weak' : null;
}
