/** 18612341234 -> 186****1234. Anything not 11 characters long is masked whole but for its last two. */
export function maskMobile(mobile: string): string {
  if (mobile.length === 11) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  return mobile.length <= 2 ? '*'.repeat(mobile.length) : '*'.repeat(mobile.length - 2) + mobile.slice(-2);
}

/** 张三 -> 张*, 欧阳娜娜 -> 欧***: the first character stays, one star per hidden character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** What a viewer sees of a customer's identity: in full, or masked. */
export function presentIdentity<T extends { mobile: string; name: string }>(customer: T, full: boolean): T & { masked: boolean } {
  return full ? { ...customer, masked: false } : { ...customer, mobile: maskMobile(customer.mobile), name: maskName(customer.name), masked: true };
}
