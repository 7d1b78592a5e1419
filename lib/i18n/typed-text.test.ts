import { describe, expect, it } from 'vitest';
import { bilingualTextView, sentenceWithTyped, textLanguage, typedTextView } from './typed-text';

describe('the language of typed text', () => {
  it('is Chinese when there are Han characters, even among Latin letters and digits', () => {
    expect(textLanguage('已为您更换电池，请到营业厅取机。')).toBe('zh-CN');
    expect(textLanguage('天河区体育西路 103 号 B1 层')).toBe('zh-CN');
    expect(textLanguage('MAO Livehouse 广州')).toBe('zh-CN');
  });

  it('is English with Latin letters and no Han characters', () => {
    expect(textLanguage('Battery replaced, collect it at the hall.')).toBe('en');
    expect(textLanguage('Café Zoë, 5/F')).toBe('en');
  });

  it('is neither for numbers, codes and punctuation alone', () => {
    expect(textLanguage('1010-10010')).toBeNull();
    expect(textLanguage('')).toBeNull();
  });
});

describe('typed text in the UI', () => {
  it('is marked when its language is not the UI\'s, and keeps its text as typed', () => {
    expect(typedTextView('en', '已处理，积分已补发。')).toEqual({ text: '已处理，积分已补发。', lang: 'zh-CN', marked: true });
    expect(typedTextView('zh-CN', 'Points were added back.')).toEqual({ text: 'Points were added back.', lang: 'en', marked: true });
  });

  it('is not marked in its own language, nor when it has no language', () => {
    expect(typedTextView('zh-CN', '已处理，积分已补发。')).toMatchObject({ lang: 'zh-CN', marked: false });
    expect(typedTextView('en', 'Points were added back.')).toMatchObject({ lang: 'en', marked: false });
    expect(typedTextView('en', '13:30-15:00')).toEqual({ text: '13:30-15:00', lang: null, marked: false });
  });
});

describe('text kept in two languages', () => {
  it('shows the English text in the English UI, unmarked', () => {
    expect(bilingualTextView('en', '天河体育中心', 'Tianhe Sports Centre')).toEqual({ text: 'Tianhe Sports Centre', lang: 'en', marked: false });
  });

  it('falls back to the Chinese text, marked, when the English one is missing or empty', () => {
    expect(bilingualTextView('en', '天河体育中心', null)).toEqual({ text: '天河体育中心', lang: 'zh-CN', marked: true });
    expect(bilingualTextView('en', '天河体育中心', '')).toMatchObject({ text: '天河体育中心', marked: true });
  });

  it('shows the Chinese text in the Chinese UI even when an English one exists', () => {
    expect(bilingualTextView('zh-CN', '天河体育中心', 'Tianhe Sports Centre')).toEqual({ text: '天河体育中心', lang: 'zh-CN', marked: false });
  });

  it('does not mark a Chinese field typed in Latin letters in the English UI', () => {
    expect(bilingualTextView('en', 'MAO Livehouse', null)).toMatchObject({ lang: 'en', marked: false });
  });
});

describe('a sentence with typed parameters', () => {
  const format = (p: { event: string; reply: string }) => `Your complaint about “${p.event}” has been answered: ${p.reply}`;

  it('keeps the app\'s words as text and gives each typed parameter apart, in order', () => {
    expect(sentenceWithTyped({ event: 'Events', reply: '已补发积分。' }, ['event', 'reply'], format)).toEqual([
      'Your complaint about “',
      { typed: 'Events' },
      '” has been answered: ',
      { typed: '已补发积分。' },
    ]);
  });

  it('leaves the other parameters in the text, and drops an empty typed one', () => {
    expect(sentenceWithTyped({ event: 'Events', reply: '' }, ['reply'], format)).toEqual(['Your complaint about “Events” has been answered: ']);
  });

  it('gives a parameter used twice twice', () => {
    expect(sentenceWithTyped({ venue: '天河' }, ['venue'], (p) => `${p.venue}/${p.venue}`)).toEqual([{ typed: '天河' }, '/', { typed: '天河' }]);
  });
});
