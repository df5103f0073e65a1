interface Props<V extends string> {
  testId: string;
  /** the dropdown's accessible name (it has no visible label) */
  label: string;
  value: V;
  onChange: (value: V) => void;
  /** value and text of each choice, in order ('' for "all", by convention) */
  options: readonly (readonly [value: V, text: string])[];
}

/** One dropdown of a console's filter bar. */
export function FilterSelect<V extends string>({ testId, label, value, onChange, options }: Props<V>) {
  return (
    <select
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value as V)}
      aria-label={label}
    >
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}
