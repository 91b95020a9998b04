/** The 4-digit PIN entry: masked, numeric, keyboard-first, labelled for screen readers. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { PIN_LENGTH, PIN_PATTERN_SOURCE } from '../../core/pin';

export interface PinFieldProps {
  label: string;
  value: string;
  onInput: (pin: string) => void;
  describedBy?: string;
  disabled?: boolean;
  /** Focus the field on showing (default); off where another control comes first. */
  autoFocus?: boolean;
}

export function PinField({ label, value, onInput, describedBy, disabled, autoFocus = true }: PinFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  // A layout effect: focus as soon as the field is in the document, not a frame later (Preact runs
  // useEffect after the next paint), so typing the PIN can start at once.
  useLayoutEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  return (
    <div class="field">
      <label for="pin">{label}</label>
      <input
        id="pin"
        ref={input}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern={PIN_PATTERN_SOURCE}
        maxLength={PIN_LENGTH}
        required
        disabled={disabled}
        value={value}
        aria-describedby={describedBy}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value.replace(/\D/g, '').slice(0, 4))}
      />
    </div>
  );
}
