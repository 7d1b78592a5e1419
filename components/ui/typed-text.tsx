import { useLocale, useTranslations } from 'next-intl';
import { bilingualTextView, typedTextView } from '@/lib/i18n/typed-text';

type Source =
  /** Text one person typed in one language (a staff reply, a hall's address, a note). */
  | { text: string }
  /** Text kept in Chinese and, optionally, English (an event's venue or description). */
  | { zh: string; en: string | null | undefined };

/**
 * Text typed by people, shown as typed (never machine-translated) inside an element that carries
 * its language, so screen readers pronounce it right, with a small marker ("in Chinese", "英文")
 * when it is not in the UI's language. A plain component: it renders in server and client trees.
 */
export function TypedText({ as: Tag = 'span', className, testId, ...source }: Source & { as?: 'span' | 'p' | 'dd' | 'div'; className?: string; testId?: string }) {
  const locale = useLocale();
  const t = useTranslations('typedText');
  const view = 'text' in source ? typedTextView(locale, source.text) : bilingualTextView(locale, source.zh, source.en);
  return (
    <Tag className={className} data-testid={testId}>
      <span lang={view.lang ?? undefined}>{view.text}</span>
      {view.marked ? (
        <>
          {' '}
          <span className="inline-block rounded bg-gray-100 px-1 align-baseline text-xs font-normal whitespace-nowrap text-gray-700" data-testid="text-language">
            {t(view.lang === 'zh-CN' ? 'zh' : 'en')}
          </span>
        </>
      ) : null}
    </Tag>
  );
}
