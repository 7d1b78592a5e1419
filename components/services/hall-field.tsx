import { ariaFor, Field, INPUT } from '@/components/events/ops-event-fields';

export interface HallOption {
  id: number;
  name: string;
}

/** One of the province's active halls, for a new slot or loaner phone (the server checks it again). */
export function HallField({ id, label, hint, error, halls }: { id: string; label: string; hint?: string; error: string | undefined; halls: HallOption[] }) {
  return (
    <Field id={id} name="hallId" label={label} hint={hint} error={error}>
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
