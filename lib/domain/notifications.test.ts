import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TEMPLATES, englishNames, eventMessageParams, serviceMessageParams, smsBody, smsTime } from './notifications';
import { shanghaiInstant } from './time';

describe('SMS texts', () => {
  it('writes times in Beijing time', () => {
    expect(smsTime(shanghaiInstant(2027, 3, 6, 14, 0))).toBe('3月6日 14:00');
    expect(smsTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('1月1日 00:30');
  });

  it('has a signed text for every template, naming the event', () => {
    for (const t of NOTIFICATION_TEMPLATES) {
      const body = smsBody(t, { event: '新片抢先看', time: '3月6日 14:00', position: 3, refund: '500积分', venue: '天河城', reason: 'insufficient_points' });
      expect(body.startsWith('【3G客户俱乐部】')).toBe(true);
      expect(body).toContain('新片抢先看');
    }
  });

  it('mentions a refund only when there was one', () => {
    expect(smsBody('registration_cancelled', { event: 'A', time: 't', refund: '' })).not.toContain('退还');
    expect(smsBody('registration_cancelled', { event: 'A', time: 't', refund: '¥25.00' })).toContain('¥25.00已退还');
  });

  it('says where a handset was repaired, and whether under warranty or paid', () => {
    const repaired = { event: '三星 I909', time: '10月8日 15:00', venue: '中国联通北京西单营业厅', imeiTail: '1481' };
    expect(smsBody('warranty_repaired', { ...repaired, repair: 'warranty' })).toBe('【3G客户俱乐部】您的三星 I909（IMEI尾号1481）已于10月8日 15:00在中国联通北京西单营业厅完成全国联保维修。');
    expect(smsBody('warranty_repaired', { ...repaired, repair: 'paid' })).toContain('完成付费维修');
  });

  it('stays Chinese when the message also carries English names', () => {
    const params = { event: '新片抢先看', time: '3月6日 14:00', venue: '上海大光明电影院', ...englishNames('Premiere preview', 'Grand Cinema, Shanghai') };
    expect(smsBody('event_reminder', params)).toBe('【3G客户俱乐部】提醒：您报名的「新片抢先看」将于3月6日 14:00开始，地点：上海大光明电影院。');
  });
});

describe('englishNames', () => {
  it('keeps only the English names there are', () => {
    expect(englishNames('Premiere preview', 'Grand Cinema, Shanghai')).toEqual({ eventEn: 'Premiere preview', venueEn: 'Grand Cinema, Shanghai' });
    expect(englishNames('Premiere preview', null)).toEqual({ eventEn: 'Premiere preview' });
    expect(englishNames(null)).toEqual({});
    expect(englishNames('', '')).toEqual({});
  });
});

describe('message parameters', () => {
  const startsAt = shanghaiInstant(2027, 3, 6, 14, 0);

  it('name an event, its Beijing start and its venue, in English too where it has them', () => {
    const event = { titleZh: '新片抢先看', titleEn: 'Premiere preview', startsAt, venue: '上海大光明电影院', venueEn: 'Grand Cinema, Shanghai' };
    expect(eventMessageParams(event, { position: 2 })).toEqual({
      event: '新片抢先看',
      time: '3月6日 14:00',
      venue: '上海大光明电影院',
      eventEn: 'Premiere preview',
      venueEn: 'Grand Cinema, Shanghai',
      position: 2,
    });
    expect(eventMessageParams({ titleZh: '新片抢先看', titleEn: null, startsAt })).toEqual({ event: '新片抢先看', time: '3月6日 14:00' });
    // With the event's id, for the inbox's link; the SMS text does not change.
    const withId = eventMessageParams({ id: 42, titleZh: '新片抢先看', titleEn: null, startsAt });
    expect(withId).toEqual({ event: '新片抢先看', time: '3月6日 14:00', eventId: 42 });
    expect(smsBody('registration_confirmed', withId)).toBe(smsBody('registration_confirmed', { event: '新片抢先看', time: '3月6日 14:00' }));
  });

  it('name a service, its slot and its place', () => {
    const params = serviceMessageParams({ nameZh: '手机清洗', nameEn: 'Phone cleaning' }, { startsAt, place: '中国联通广州天河营业厅' }, { notes: '清洁完成' });
    expect(params).toEqual({ event: '手机清洗', time: '3月6日 14:00', venue: '中国联通广州天河营业厅', eventEn: 'Phone cleaning', notes: '清洁完成' });
    const hall = { place: '中国联通广州天河营业厅', placeEn: 'China Unicom Tianhe Service Hall, Guangzhou' };
    const atHall = serviceMessageParams({ nameZh: '手机清洗', nameEn: null }, { startsAt, ...hall, hallAddress: '天河区天河路385号' });
    expect(atHall).toMatchObject({ venue: '中国联通广州天河营业厅（天河区天河路385号）', venueEn: 'China Unicom Tianhe Service Hall, Guangzhou (天河区天河路385号)' });
    expect(serviceMessageParams({ nameZh: '手机清洗', nameEn: null }, { startsAt, ...hall, hallAddress: '' })).toMatchObject({ venue: hall.place, venueEn: hall.placeEn });
    expect(atHall).not.toHaveProperty('eventEn');
  });
});
