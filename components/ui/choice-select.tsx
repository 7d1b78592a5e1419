/**
 * A labelled, required select that starts on a disabled "choose…" entry: nothing is sent until the
 * person picks one (a channel, a scope, an event, a province).
 */
export function ChoiceSelect({
  id,
  name,
  label,
  placeholder,
  options,
  defaultValue = '',
  className,
  labelClassName = 'block text-xs text-gray-600',
}: {
  id: string;
  name: string;
  label: string;
  placeholder: string;
  options: readonly { code: string | number; name: string }[];
  defaultValue?: string;
  className?: string;
  labelClassName?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select id={id} name={name} required defaultValue={defaultValue} className="mt-1 block w-full max-w-full rounded-md border border-gray-300 px-2 py-2 text-sm">
        <option value="" disabled>
          {placeholder}
        </option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
