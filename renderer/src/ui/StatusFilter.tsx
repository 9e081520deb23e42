/**
 * A list's "status" filter in its card header: one status or all. The comebacks list and the warranty claims use it;
 * `onChange` gets '' for "all".
 */
export function StatusFilter<S extends string>(props: {
  label: string;
  allLabel: string;
  value: S | '';
  statuses: readonly S[];
  statusLabel: (status: S) => string;
  onChange: (status: S | '') => void;
}) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as S | '')}>
        <option value="">{props.allLabel}</option>
        {props.statuses.map((status) => (
          <option key={status} value={status}>
            {props.statusLabel(status)}
          </option>
        ))}
      </select>
    </label>
  );
}
