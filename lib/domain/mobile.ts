/** Mainland mobile numbers: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Strips spaces, dashes and a +86 / 0086 prefix; returns '' when what remains is not a mobile number. */
export function normalizeMobile(input: string): string {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return MOBILE_PATTERN.test(digits) ? digits : '';
}
