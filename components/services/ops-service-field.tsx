import { ariaFor, Field, INPUT } from '@/components/events/ops-event-fields';

/** The service a new slot or trial programme belongs to, among those the form offers. */
export function OpsServiceField({
  id,
  label,
  error,
  services,
  onChange,
}: {
  id: string;
  label: string;
  error: string | undefined;
  services: { id: number; name: string }[];
  onChange?: (serviceId: number) => void;
}) {
  return (
    <Field id={id} name="serviceId" label={label} error={error}>
      <select name="serviceId" required defaultValue={services[0]?.id} onChange={onChange ? (e) => onChange(Number(e.target.value)) : undefined} className={INPUT} {...ariaFor(id, error)}>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
