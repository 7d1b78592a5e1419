import { ariaFor, Field, INPUT } from '@/components/events/ops-event-fields';

export interface HallOption {
  id: number;
  name: string;
}

/** One of the province's active halls, for a new slot, loaner phone or warranty record (the server checks it again). */
export function HallField({ id, label, hint, error, halls, className }: { id: string; label: string; hint?: string; error: string | undefined; halls: HallOption[]; className?: string }) {
  return (
    <Field id={id} name="hallId" label={label} hint={hint} error={error} className={className}>
      <select name="hallId" required defaultValue={halls[0]?.id} className={INPUT} {...ariaFor(id, error, Boolean(hint))}>
        {halls.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
