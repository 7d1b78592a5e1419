import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { attachScreenshot, expect, overflowX, signInAs, test } from './fixtures';
import { openNow, publishEvent } from './events';

/*
 * Issue 24 item 8: operators upload a cover per club (per province) and per event; members see the
 * event's own, else its club's, on their club cards, event cards and event pages.
 */

/** A picture of the given colours, as an operator's file would be: a PNG with a stripe per colour. */
function stripes(width: number, height: number, colours: [number, number, number][]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colours[Math.floor((x * colours.length) / width)]!;
      image.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const demoCover = (club: string) => fs.readFileSync(path.join(process.cwd(), 'db', 'seed', 'covers', `${club}.jpg`));

/** The cover picture has arrived and been decoded, not only been asked for. */
async function expectLoaded(image: ReturnType<Page['getByRole']>) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test.describe('covers on a phone, in Chinese @phone', () => {
  test('8: an operator uploads a club cover and an event cover; a member sees them on /clubs, the event list and the event page', async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const title = `封面活动 ${Date.now()}`;
    const eventId = await publishEvent(browser, baseURL, openNow(title, 20));
    const clubPicture = stripes(1000, 400, [[190, 18, 60], [126, 34, 206], [250, 204, 21]]);
    const eventPicture = stripes(800, 320, [[14, 116, 144], [16, 185, 129]]);

    await signInAs(page, 'operator');
    await page.goto('/ops/clubs');
    const music = page.getByRole('group', { name: '音乐俱乐部封面' });
    await expectLoaded(music.getByRole('img', { name: '音乐俱乐部封面图片' }));
    // A file that only calls itself a picture is refused by its bytes, with nothing written.
    await music.getByLabel('选择图片').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await music.getByRole('button', { name: '上传封面' }).click();
    await expect(music.getByRole('alert')).toHaveText('只能上传 JPEG、PNG 或 WebP 格式的图片。');
    await expect(music.getByRole('img')).toHaveAttribute('src', `/images/${sha256(demoCover('music'))}`);

    await music.getByLabel('选择图片').setInputFiles({ name: '音乐封面.png', mimeType: 'image/png', buffer: clubPicture });
    await music.getByRole('button', { name: '上传封面' }).click();
    await expect(music.getByRole('status')).toHaveText('封面已更新。');
    await expect(music.getByRole('img', { name: '音乐俱乐部封面图片' })).toHaveAttribute('src', `/images/${sha256(clubPicture)}`);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-club-cover-upload-zh.png');

    await page.goto(`/ops/events/${eventId}`);
    const eventCover = page.getByRole('group', { name: '活动封面' });
    await expect(eventCover.getByText('尚未上传封面。')).toBeVisible();
    await eventCover.getByLabel('选择图片').setInputFiles({ name: 'event.png', mimeType: 'image/png', buffer: eventPicture });
    await eventCover.getByRole('button', { name: '上传封面' }).click();
    await expect(eventCover.getByRole('status')).toHaveText('封面已更新。');
    await expectLoaded(eventCover.getByRole('img', { name: `活动封面：${title}` }));
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-event-cover-upload-zh.png');

    // The address names the bytes: cached for good, revalidated by its tag.
    const served = await page.request.get(`/images/${sha256(eventPicture)}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');
    expect(served.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(await served.body()).equals(eventPicture)).toBe(true);
    const again = await page.request.get(`/images/${sha256(eventPicture)}`, { headers: { 'if-none-match': served.headers().etag! } });
    expect(again.status()).toBe(304);
    expect((await page.request.get(`/images/${'0'.repeat(64)}`)).status()).toBe(404);

    await page.context().clearCookies();
    await signInAs(page, 'member');
    await page.goto('/clubs');
    await expectLoaded(page.getByTestId('club-music').getByRole('img', { name: '音乐俱乐部封面图片' }));
    await expect(page.getByTestId('club-music').getByRole('img')).toHaveAttribute('src', `/images/${sha256(clubPicture)}`);
    await expectLoaded(page.getByTestId('club-film').getByRole('img', { name: '影视俱乐部封面图片' }));
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-clubs-covers-zh.png');

    await page.goto('/events');
    const card = page.getByTestId(`event-${eventId}`);
    await expect(card.getByRole('img', { name: `活动封面：${title}` })).toHaveAttribute('src', `/images/${sha256(eventPicture)}`);
    await card.scrollIntoViewIfNeeded();
    await expectLoaded(card.getByRole('img'));
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-event-list-covers-zh.png');

    await page.goto(`/events/${eventId}`);
    const cover = page.getByRole('img', { name: `活动封面：${title}` });
    await expectLoaded(cover);
    await expect(cover).toHaveAttribute('src', `/images/${sha256(eventPicture)}`);
    // Fixed proportions: the box is 5:2 whatever the picture's own size.
    const box = (await cover.boundingBox())!;
    expect(Math.abs(box.width / box.height - 2.5)).toBeLessThan(0.05);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-event-page-cover-zh.png');

    // Put the demo's music cover back for whatever looks at the demo next.
    await page.context().clearCookies();
    await signInAs(page, 'operator');
    await page.goto('/ops/clubs');
    await music.getByLabel('选择图片').setInputFiles({ name: 'music.jpg', mimeType: 'image/jpeg', buffer: demoCover('music') });
    await music.getByRole('button', { name: '上传封面' }).click();
    await expect(music.getByRole('img')).toHaveAttribute('src', `/images/${sha256(demoCover('music'))}`);
  });
});

test.describe('covers on a phone, in English @phone', () => {
  test.use({ locale: 'en-US' });

  test("8: too large a file is refused before it is sent; a removed event cover gives way to the club's", async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const title = `Cover event ${Date.now()}`;
    const eventId = await publishEvent(browser, baseURL, { ...openNow(`封面 ${Date.now()}`, 20), titleEn: title });
    const eventPicture = stripes(600, 240, [[30, 64, 175], [251, 191, 36]]);

    await signInAs(page, 'operator');
    await page.goto(`/ops/events/${eventId}`);
    const eventCover = page.getByRole('group', { name: 'Event cover' });
    await expect(page.getByText('Optional. Without one, members see the cover of Music Club.')).toBeVisible();
    const big = Buffer.concat([eventPicture, Buffer.alloc(2 * 1024 * 1024)]);
    await eventCover.getByLabel('Choose a picture').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
    await eventCover.getByRole('button', { name: 'Upload cover' }).click();
    await expect(eventCover.getByRole('alert')).toHaveText('The picture is larger than 2 MB. Please make it smaller and upload it again.');
    await eventCover.getByLabel('Choose a picture').setInputFiles({ name: 'notes.webp', mimeType: 'image/webp', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;') });
    await eventCover.getByRole('button', { name: 'Upload cover' }).click();
    await expect(eventCover.getByRole('alert')).toHaveText('Only JPEG, PNG or WebP pictures can be uploaded.');
    await expect(eventCover.getByText('No cover uploaded yet.')).toBeVisible();
    await attachScreenshot(page, '8-event-cover-refused-en.png');

    await eventCover.getByLabel('Choose a picture').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: eventPicture });
    await eventCover.getByRole('button', { name: 'Upload cover' }).click();
    await expect(eventCover.getByRole('status')).toHaveText('Cover updated.');
    await expectLoaded(eventCover.getByRole('img', { name: `Cover of ${title}` }));
    await eventCover.getByRole('button', { name: 'Remove cover' }).click();
    await expect(eventCover.getByRole('status').last()).toHaveText('Cover removed.');
    await expect(eventCover.getByText('No cover uploaded yet.')).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);

    await page.context().clearCookies();
    await signInAs(page, 'member');
    await page.goto('/clubs');
    await expectLoaded(page.getByTestId('club-gaming').getByRole('img', { name: 'Cover picture of Gaming Club' }));
    const musicCover = page.getByTestId('club-music').getByRole('img', { name: 'Cover picture of Music Club' });
    await expectLoaded(musicCover);
    const musicSrc = await musicCover.getAttribute('src');
    expect(musicSrc).toMatch(/^\/images\/[0-9a-f]{64}$/);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-clubs-covers-en.png');

    await page.goto(`/events/${eventId}`);
    const cover = page.getByRole('img', { name: `Cover of ${title}` });
    await expectLoaded(cover);
    await expect(cover).toHaveAttribute('src', musicSrc!);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '8-event-page-club-cover-en.png');
  });
});
