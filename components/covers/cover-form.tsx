'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ClubCode } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';
import { CoverPicture } from './cover-picture';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * The cover of a club or an event for its operators: the picture members see now, a file to
 * replace it and a button to take it away. A file over the limit is refused here before it is
 * sent (the server checks it again, with its type by its bytes).
 */
export function CoverForm({
  label,
  fields,
  current,
  club,
  maxBytes,
  upload,
  remove,
}: {
  label: string;
  /** What the actions need to know which cover this is (club and province, or event). */
  fields: Record<string, string>;
  current: { src: string; alt: string } | null;
  club: ClubCode;
  maxBytes: number;
  upload: Action;
  remove: Action;
}) {
  const t = useTranslations('covers');
  const id = useId();
  const [uploadState, uploadAction, uploading] = useActionState(upload, IDLE);
  const [removeState, removeAction, removing] = useActionState(remove, IDLE);
  const [tooLarge, setTooLarge] = useState(false);
  const limitMb = maxBytes / 1024 / 1024;

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get('file');
    const refused = file instanceof File && file.size > maxBytes;
    setTooLarge(refused);
    if (refused) event.preventDefault();
  }

  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <div className="space-y-3" role="group" aria-label={label}>
      <CoverPicture src={current?.src ?? null} alt={current?.alt ?? ''} club={club} className="max-w-md rounded-md" eager />
      <p className="text-sm text-gray-600">{current ? t('current') : t('none')}</p>
      <form action={uploadAction} onSubmit={checkSize} className="space-y-2">
        {hidden}
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-gray-800">
          {t('choose')}
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={`${id}-hint`}
          className="block w-full max-w-md text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm"
        />
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          {t('hint', { limitMb })}
        </p>
        <Button type="submit" disabled={uploading}>
          {t('upload')}
        </Button>
        <FormMessage state={tooLarge ? { status: 'error', code: 'cover_too_large', params: { limitMb } } : uploadState} success={t('saved')} testId="cover-upload" />
      </form>
      {current ? (
        <form action={removeAction} className="space-y-2">
          {hidden}
          <Button type="submit" variant="secondary" disabled={removing}>
            {t('remove')}
          </Button>
          <FormMessage state={removeState} success={t('removed')} testId="cover-remove" />
        </form>
      ) : removeState.status === 'ok' ? (
        <FormMessage state={removeState} success={t('removed')} testId="cover-remove" />
      ) : null}
    </div>
  );
}
