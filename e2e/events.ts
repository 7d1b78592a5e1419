import type { Browser, Page } from '@playwright/test';
import { expect, signInAs } from './fixtures';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** Now, to the minute: the operators' form takes times to the minute, so expected texts must too. */
export function nowToMinute(): number {
  return Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
}

/** "2027-03-06T14:00": an instant as a datetime-local value in Beijing time (China keeps no summer time). */
export function beijingLocal(instant: number): string {
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** The parts of an instant's Beijing wall-clock time as the Chinese UI writes them: "3月6日" and "09:05". */
export function beijingDayAndTime(instant: number): { day: string; time: string } {
  const local = new Date(instant + BEIJING_OFFSET_MS);
  return { day: `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`, time: local.toISOString().slice(11, 16) };
}

type Login = Parameters<typeof signInAs>[1];

/**
 * A signed-in page in a browser context of its own, so that an operator and two members can act
 * side by side in one test. Close it with `page.context().close()`.
 */
export async function pageAs(browser: Browser, baseURL: string | undefined, who: Login): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, who);
  return page;
}

export interface NewEvent {
  /** The club and kind as the form names them; a music fan event when left out. */
  club?: string;
  kind?: string;
  title: string;
  /** The English title, left empty when not given. */
  titleEn?: string;
  capacity: number;
  /** Free when left out. */
  pricePoints?: number;
  startsAt: number;
  endsAt: number;
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt?: number;
}

/**
 * An event of Guangdong, by default a music fan event (the club of both demo members 陈思远 and
 * 李晓梅), open to every segment, created and published through the operators' own form by the
 * Guangdong operator, as in events-ops.spec.ts. Returns the event's id.
 */
export async function publishEvent(browser: Browser, baseURL: string | undefined, event: NewEvent): Promise<number> {
  return saveEvent(browser, baseURL, event, true);
}

/** The same event saved as a draft only, never published. Returns its id. */
export async function draftEvent(browser: Browser, baseURL: string | undefined, event: NewEvent): Promise<number> {
  return saveEvent(browser, baseURL, event, false);
}

async function saveEvent(browser: Browser, baseURL: string | undefined, event: NewEvent, publish: boolean): Promise<number> {
  const page = await pageAs(browser, baseURL, 'operator');
  try {
    await page.goto('/ops/events/new');
    await page.getByLabel('俱乐部', { exact: true }).selectOption({ label: event.club ?? '音乐俱乐部' });
    await page.getByLabel('活动类型', { exact: true }).selectOption({ label: event.kind ?? '音乐会员活动' });
    await page.getByLabel('活动名称（中文）').fill(event.title);
    if (event.titleEn !== undefined) await page.getByLabel('活动名称（英文）').fill(event.titleEn);
    await page.getByLabel('活动地点', { exact: true }).fill('广州大剧院小剧场');
    await page.getByLabel('名额', { exact: true }).fill(String(event.capacity));
    await page.getByLabel('开始时间', { exact: true }).fill(beijingLocal(event.startsAt));
    await page.getByLabel('结束时间', { exact: true }).fill(beijingLocal(event.endsAt));
    await page.getByLabel('开始报名', { exact: true }).fill(beijingLocal(event.regOpensAt));
    await page.getByLabel('截止报名', { exact: true }).fill(beijingLocal(event.regClosesAt));
    if (event.vipOpensAt !== undefined) await page.getByLabel('VIP优先报名开始', { exact: true }).fill(beijingLocal(event.vipOpensAt));
    if (event.pricePoints !== undefined) {
      await page.getByRole('radio', { name: '积分兑换' }).check();
      await page.getByLabel('所需积分').fill(String(event.pricePoints));
    }
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await expect(page).toHaveURL(/\/ops\/events\/\d+$/);
    const id = Number(/\/ops\/events\/(\d+)$/.exec(page.url())![1]);
    if (publish) {
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await expect(page.getByTestId('event-status')).toHaveText('已发布');
    }
    return id;
  } finally {
    await page.context().close();
  }
}

/** Starts in an hour: doors open three hours before the start, so they are open now. */
export function doorsOpenNow(title: string): NewEvent {
  const now = nowToMinute();
  const startsAt = now + 60 * MINUTE_MS;
  return { title, capacity: 10, startsAt, endsAt: startsAt + 120 * MINUTE_MS, regOpensAt: now - 60 * MINUTE_MS, regClosesAt: startsAt };
}

/** An event whose registration opened an hour ago, starting in twelve days. */
export function openNow(title: string, capacity: number, pricePoints?: number): NewEvent {
  const now = nowToMinute();
  const startsAt = now + 12 * DAY_MS;
  return { title, capacity, pricePoints, startsAt, endsAt: startsAt + 2 * 60 * MINUTE_MS, regOpensAt: now - 60 * MINUTE_MS, regClosesAt: startsAt - DAY_MS };
}
