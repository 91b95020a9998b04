/** A labelled text field of the one-time-code panels (passphrases, names, the search). */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'search';
  autocomplete?: string;
  describedBy?: string;
  maxLength?: number;
  /** The label is for screen readers only (the field's placeholder says the same). */
  hiddenLabel?: boolean;
}) {
  return (
    <div class="field text">
      <label for={props.id} class={props.hiddenLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        aria-describedby={props.describedBy}
        maxLength={props.maxLength}
        placeholder={props.hiddenLabel ? props.label : undefined}
        spellcheck={false}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
