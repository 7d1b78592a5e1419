import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** A short code read out by the attendee, or the last four digits of their mobile number. */
export function ManualEntry({ onSubmit, closedNote }: { onSubmit: (text: string) => void; /** While the doors are shut: the id of the note saying when they open. */ closedNote: string | null }) {
  const t = useTranslations('checkin.manual');
  const [value, setValue] = useState('');
  return (
    <form
      aria-label={t('form')}
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        onSubmit(value);
        setValue('');
      }}
    >
      <div className="min-w-0 flex-1">
        <label htmlFor="checkin-code" className="sr-only">
          {t('label')}
        </label>
        <input
          id="checkin-code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('label')}
          aria-describedby="checkin-code-hint"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={200}
          className="block min-h-12 w-full rounded-md border border-gray-300 px-3 text-lg tracking-wider uppercase placeholder:tracking-normal placeholder:normal-case"
        />
        <p id="checkin-code-hint" className="mt-1 text-xs text-gray-600">
          {t('hint')}
        </p>
      </div>
      <Button type="submit" className="min-h-12 min-w-20 text-base" disabled={closedNote !== null} aria-describedby={closedNote ?? undefined}>
        {t('submit')}
      </Button>
    </form>
  );
}
