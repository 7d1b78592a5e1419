import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';

/** Every leaf of a message tree as "path: text". */
function leaves(tree: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(path, tree);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) for (const [p, text] of leaves(value, path ? `${path}.${key}` : key)) out.set(p, text);
  }
  return out;
}

/** The arguments a message takes ({name}, {count, plural, ...}, {step, select, ...}), read by the ICU parser next-intl uses. */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ('value' in element && element.type !== TYPE.literal && typeof element.value === 'string') names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if ('children' in element) walk(element.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return [...names].sort();
}

describe('the two languages', () => {
  const zhLeaves = leaves(zh);
  const enLeaves = leaves(en);

  it('have the same messages', () => {
    expect([...enLeaves.keys()].filter((k) => !zhLeaves.has(k))).toEqual([]);
    expect([...zhLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
  });

  it('give each message the same arguments', () => {
    const differing = [...zhLeaves].filter(([key, text]) => enLeaves.has(key) && argumentsOf(text).join() !== argumentsOf(enLeaves.get(key)!).join()).map(([key]) => key);
    expect(differing).toEqual([]);
  });
});
