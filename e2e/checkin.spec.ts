import type { Browser, Page } from '@playwright/test';
import { queryE2e } from './db';
import { beijingDayAndTime, doorsOpenNow, pageAs, publishEvent } from './events';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Every test publishes its own event, starting within the hour so that its doors are open, and
// registers the two Guangdong music members 陈思远 and 李晓梅 through the member event page.

const CHEN = { login: ACCOUNTS.member, name: ACCOUNTS.member.name, mobile: ACCOUNTS.member.login };
const LI = { login: OTHER_ACCOUNTS.prepaidMember, name: '李晓梅', mobile: OTHER_ACCOUNTS.prepaidMember.login };
type Member = typeof CHEN | typeof LI;

const uniqueTitle = (what: string) => `E2E签到${what} ${Date.now()}`;

async function register(browser: Browser, baseURL: string | undefined, eventId: number, member: Member) {
  const page = await pageAs(browser, baseURL, member.login);
  try {
    await page.goto(`/events/${eventId}`);
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');
  } finally {
    await page.context().close();
  }
}

/** An event with its doors open and the given members registered. */
async function openDoors(browser: Browser, baseURL: string | undefined, what: string, members: Member[]) {
  const title = uniqueTitle(what);
  const eventId = await publishEvent(browser, baseURL, doorsOpenNow(title));
  for (const member of members) await register(browser, baseURL, eventId, member);
  return { eventId, title };
}

async function registrationOf(eventId: number, member: Member) {
  const [row] = await queryE2e<{ id: number; shortCode: string; status: string; checkedInAt: number | null }>(
    `select id, short_code as "shortCode", status, checked_in_at as "checkedInAt" from registrations where event_id = ? and customer_id = (select id from customers where mobile = ?)`,
    [eventId, member.mobile],
  );
  return row!;
}

async function attendedActivities(eventId: number): Promise<number> {
  return (await queryE2e<{ n: number }>(`select count(*) as n from activities where event_id = ? and kind = 'attended'`, [eventId]))[0]!.n;
}

async function openDoor(page: Page, eventId: number) {
  await page.goto(`/ops/checkin/${eventId}`);
  await expect(page.getByTestId('checkin-connection')).toHaveText('在线');
}

async function typeCode(page: Page, text: string) {
  const form = page.getByRole('form', { name: '输入短码或手机尾号' });
  await form.getByLabel('短码或手机尾号', { exact: true }).fill(text);
  await form.getByRole('button', { name: '签到', exact: true }).click();
}

const rosterRow = (page: Page, name: string) => page.getByRole('list', { name: '签到名单' }).getByTestId('roster-entry').filter({ hasText: name });

async function expectCounts(page: Page, confirmed: number, checkedIn: number, remaining: number) {
  await expect(page.getByTestId('checkin-count-confirmed')).toHaveText(String(confirmed));
  await expect(page.getByTestId('checkin-count-checkedIn')).toHaveText(String(checkedIn));
  await expect(page.getByTestId('checkin-count-remaining')).toHaveText(String(remaining));
}

test.describe('checking people in at the door', () => {
  test('an operator checks in a member by short code and by roster; a second check-in of the same ticket says already checked in @smoke', async ({ page, browser, baseURL }) => {
    test.slow();
    const { eventId, title } = await openDoors(browser, baseURL, '在线', [CHEN, LI]);
    const chen = await registrationOf(eventId, CHEN);

    await signInAs(page, 'operator');
    await page.goto('/ops/checkin');
    await page.getByRole('region', { name: '正在签到' }).getByRole('link', { name: new RegExp(title) }).click();
    await expect(page).toHaveURL(new RegExp(`/ops/checkin/${eventId}$`));
    await expect(page.getByTestId('checkin-connection')).toHaveText('在线');
    await expectCounts(page, 2, 0, 2);

    const answer = page.getByTestId('checkin-answer');
    await typeCode(page, chen.shortCode.toLowerCase());
    await expect(answer).toHaveAttribute('data-outcome', 'checked_in');
    await expect(answer).toContainText('已签到');
    await expect(answer).toContainText(CHEN.name);

    await rosterRow(page, LI.name).getByRole('button', { name: '签到', exact: true }).click();
    await expect(answer).toContainText(LI.name);
    await expect(answer).toHaveAttribute('data-outcome', 'checked_in');
    await expectCounts(page, 2, 2, 0);

    const checkedIn = await registrationOf(eventId, CHEN);
    expect(checkedIn.status).toBe('attended');
    expect((await registrationOf(eventId, LI)).status).toBe('attended');
    expect(await attendedActivities(eventId)).toBe(2);
    const at = beijingDayAndTime(checkedIn.checkedInAt!).time;
    await expect(rosterRow(page, CHEN.name).getByTestId('roster-status')).toHaveText(`已签到 ${at}`);

    await typeCode(page, chen.shortCode);
    await expect(answer).toHaveAttribute('data-outcome', 'already_checked_in');
    await expect(answer).toContainText('已签到过');
    await expect(answer).toContainText(`于 ${at} 签到`);
    expect(await attendedActivities(eventId)).toBe(2);

    await typeCode(page, 'ZZZZZZ');
    await expect(answer).toHaveAttribute('data-outcome', 'refused');
    await expect(answer).toContainText('票码无效');

    // A mistaken check-in is undone, and the record corrected; the last four digits find the ticket again.
    const li = rosterRow(page, LI.name);
    await li.getByRole('button', { name: '撤销签到' }).click();
    await li.getByRole('button', { name: '确认撤销' }).click();
    await expect(answer).toHaveAttribute('data-outcome', 'undone');
    await expectCounts(page, 2, 1, 1);
    expect((await registrationOf(eventId, LI)).status).toBe('confirmed');
    expect(await queryE2e(`select count(*) as n from activities where event_id = ? and kind = 'attendance_corrected'`, [eventId])).toEqual([{ n: 1 }]);

    await typeCode(page, LI.mobile.slice(-4));
    const matches = page.getByTestId('last4-matches');
    await expect(matches).toContainText(`手机尾号 ${LI.mobile.slice(-4)}`);
    await matches.getByTestId('roster-entry').filter({ hasText: LI.name }).getByRole('button', { name: '签到', exact: true }).click();
    await expect(answer).toHaveAttribute('data-outcome', 'checked_in');
    await expectCounts(page, 2, 2, 0);

    // The same door in English.
    const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    try {
      const en = await context.newPage();
      await signInAs(en, 'operator');
      await en.goto(`/ops/checkin/${eventId}`);
      await expect(en.getByTestId('checkin-connection')).toHaveText('Online');
      const form = en.getByRole('form', { name: 'Enter a short code or the last four digits' });
      await form.getByLabel('Short code or last 4 digits', { exact: true }).fill(chen.shortCode);
      await form.getByRole('button', { name: 'Check in', exact: true }).click();
      await expect(en.getByTestId('checkin-answer')).toContainText('Already checked in');
      await expect(en.getByTestId('checkin-answer')).toContainText(`at ${at}`);
    } finally {
      await context.close();
    }
  });

  test('offline check-in end-to-end: two tickets checked in offline sync when the connection returns', async ({ page, browser, baseURL }) => {
    test.slow();
    const { eventId } = await openDoors(browser, baseURL, '离线', [CHEN, LI]);
    const chen = await registrationOf(eventId, CHEN);

    await signInAs(page, 'operator');
    await openDoor(page, eventId);
    const connection = page.getByTestId('checkin-connection');
    const answer = page.getByTestId('checkin-answer');

    await page.context().setOffline(true);
    await expect(connection).toContainText('离线');

    await typeCode(page, chen.shortCode);
    await expect(answer).toHaveAttribute('data-outcome', 'checked_in');
    await expect(answer).toContainText(CHEN.name);
    await expect(answer).toContainText('已在本机签到');
    await rosterRow(page, LI.name).getByRole('button', { name: '签到', exact: true }).click();
    await expect(answer).toContainText(LI.name);
    await expect(connection).toHaveText('离线，2 条待同步');
    await expectCounts(page, 2, 2, 0);

    // Locally, a ticket checked in here is already used.
    await typeCode(page, chen.shortCode);
    await expect(answer).toHaveAttribute('data-outcome', 'already_checked_in');
    await expect(connection).toHaveText('离线，2 条待同步');
    expect((await registrationOf(eventId, CHEN)).status).toBe('confirmed');
    expect((await registrationOf(eventId, LI)).status).toBe('confirmed');

    await page.context().setOffline(false);
    await expect(connection).toHaveText('在线');
    await expectCounts(page, 2, 2, 0);
    expect((await registrationOf(eventId, CHEN)).status).toBe('attended');
    expect((await registrationOf(eventId, LI)).status).toBe('attended');
    expect(await attendedActivities(eventId)).toBe(2);
    await expect(page.getByTestId('checkin-conflicts')).toHaveCount(0);
  });

  test('the same ticket scanned on two offline pages yields one attendance and one reported conflict', async ({ browser, baseURL }) => {
    test.slow();
    const { eventId } = await openDoors(browser, baseURL, '冲突', [CHEN]);
    const chen = await registrationOf(eventId, CHEN);
    const first = await pageAs(browser, baseURL, 'operator');
    const second = await pageAs(browser, baseURL, 'operator');
    try {
      await openDoor(first, eventId);
      await openDoor(second, eventId);
      await first.context().setOffline(true);
      await second.context().setOffline(true);

      await typeCode(first, chen.shortCode);
      await expect(first.getByTestId('checkin-answer')).toHaveAttribute('data-outcome', 'checked_in');
      await expect(first.getByTestId('checkin-connection')).toHaveText('离线，1 条待同步');
      await rosterRow(second, CHEN.name).getByRole('button', { name: '签到', exact: true }).click();
      await expect(second.getByTestId('checkin-answer')).toHaveAttribute('data-outcome', 'checked_in');
      await expect(second.getByTestId('checkin-connection')).toHaveText('离线，1 条待同步');

      await first.context().setOffline(false);
      await expect(first.getByTestId('checkin-connection')).toHaveText('在线');
      const checkedIn = await registrationOf(eventId, CHEN);
      expect(checkedIn.status).toBe('attended');

      await second.context().setOffline(false);
      await expect(second.getByTestId('checkin-connection')).toHaveText('在线');
      const conflict = second.getByTestId('checkin-conflicts');
      await expect(conflict).toContainText('与其他设备冲突');
      await expect(conflict.getByTestId('checkin-conflict')).toContainText(`${CHEN.name}：已于 ${beijingDayAndTime(checkedIn.checkedInAt!).time} 在其他设备签到`);
      await expect(second.getByTestId('checkin-answer')).toHaveAttribute('data-outcome', 'conflict');
      await expect(second.getByTestId('checkin-answer')).toContainText('已在其他设备签到');
      await expect(first.getByTestId('checkin-conflicts')).toHaveCount(0);
      await expect(first.getByTestId('checkin-answer')).not.toContainText('已在本机签到');
      await expectCounts(second, 1, 1, 0);

      expect(await attendedActivities(eventId)).toBe(1);
      expect((await registrationOf(eventId, CHEN)).checkedInAt).toBe(checkedIn.checkedInAt);
      const outcomes = await queryE2e(`select outcome from checkin_scans where event_id = ? order by outcome`, [eventId]);
      expect(outcomes).toEqual([{ outcome: 'checked_in' }, { outcome: 'conflict' }]);
    } finally {
      await first.context().close();
      await second.context().close();
    }
  });
});

test.describe('the door on a phone @phone', () => {
  test('the check-in pages fit 390 px, with the short-code input and the answer in view', async ({ page, browser, baseURL }) => {
    test.slow();
    const { eventId, title } = await openDoors(browser, baseURL, '手机', [CHEN]);
    const fits = async () => expect(await overflowX(page)).toBeLessThanOrEqual(0);

    await signInAs(page, 'operator');
    await page.goto('/ops/checkin');
    await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await fits();

    await openDoor(page, eventId);
    await fits();
    const input = page.getByLabel('短码或手机尾号', { exact: true });
    await expect(input).toBeInViewport();
    await typeCode(page, (await registrationOf(eventId, CHEN)).shortCode);
    const answer = page.getByTestId('checkin-answer');
    await expect(answer).toContainText(CHEN.name);
    await expect(answer).toBeInViewport();
    await fits();
  });
});
