import { ariaFor, Field, INPUT } from '@/components/events/ops-event-fields';

/** The service a new slot or trial programme belongs to, among those the form offers. */
export function OpsServiceField({ id, label, error, services }: { id: string; label: string; error: string | undefined; services: { id: number; name: string }[] }) {
  return (
    <Field id={id} name="serviceId" label={label} error={error}>
      <select name="serviceId" required defaultValue={services[0]?.id} className={INPUT} {...ariaFor(id, error)}>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
