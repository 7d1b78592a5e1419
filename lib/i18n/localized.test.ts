import { describe, expect, it } from 'vitest';
import { complaintTopicName, localized, localizedPlace } from './localized';

describe('localized', () => {
  it('shows the English text in the English UI and falls back to Chinese when there is none', () => {
    expect(localized('en', '城市草坪音乐会', 'City Lawn Concert')).toBe('City Lawn Concert');
    expect(localized('en', '城市草坪音乐会', null)).toBe('城市草坪音乐会');
    expect(localized('en', '城市草坪音乐会', '')).toBe('城市草坪音乐会');
    expect(localized('zh-CN', '城市草坪音乐会', 'City Lawn Concert')).toBe('城市草坪音乐会');
  });
});

describe('localizedPlace', () => {
  const place = { venue: '深圳欢乐海岸音乐厅', venueEn: 'OCT Harbour Concert Hall, Shenzhen', city: '深圳' };

  it('puts the city in front of a Chinese venue that does not say it', () => {
    expect(localizedPlace('zh-CN', { venue: '大剧院小剧场', venueEn: null, city: '广州' })).toBe('广州 · 大剧院小剧场');
    expect(localizedPlace('zh-CN', place)).toBe('深圳欢乐海岸音乐厅');
    expect(localizedPlace('zh-CN', { ...place, city: null })).toBe('深圳欢乐海岸音乐厅');
  });

  it('shows the English venue alone in the English UI, and the Chinese place when there is none', () => {
    expect(localizedPlace('en', place)).toBe('OCT Harbour Concert Hall, Shenzhen');
    expect(localizedPlace('en', { venue: '大剧院小剧场', venueEn: null, city: '广州' })).toBe('广州 · 大剧院小剧场');
  });
});

describe('complaintTopicName', () => {
  it('names a complaint topic in the UI language', () => {
    expect(complaintTopicName('zh-CN', 'billing')).toBe('费用和积分');
    expect(complaintTopicName('en', 'handset_service')).toBe('Handset services');
  });
});
