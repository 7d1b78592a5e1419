import { DAY, toShanghaiLocal } from './time';

/**
 * Where a customer's opinion comes from (plan 六: 搜集、整理客户意见反馈集团总部): an event's
 * feedback comment, what the customer said on a callback, a complaint, a suggestion.
 */
export const OPINION_SOURCES = ['feedback', 'callback', 'complaint', 'suggestion'] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];

/** Rows a page of the opinions view shows, and the most one export writes. */
export const OPINIONS_PAGE_SIZE = 50;
export const OPINIONS_EXPORT_LIMIT = 50_000;

/** The view's days when none are chosen: the last 90 days to today (Beijing), as YYYY-MM-DD. */
export function defaultOpinionDays(now: number): { from: string; to: string } {
  return { from: toShanghaiLocal(now - 89 * DAY).slice(0, 10), to: toShanghaiLocal(now).slice(0, 10) };
}

/** The pages a list of `total` rows takes, at least one; and the page asked for, kept within them. */
export function opinionPages(total: number, page: number): { pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(total / OPINIONS_PAGE_SIZE));
  return { pages, page: Math.min(Math.max(1, page), pages) };
}
