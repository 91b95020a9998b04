/**
 * The PIN rule, in one place: four digits, as the guide asks ("Enter a 4-digit
 * PIN code"). The PIN never leaves the device; the server counts wrong codes
 * (docs/protocol.md §2), so four digits are enough.
 */
export const PIN_LENGTH = 4;

/** For `pattern` attributes (HTML anchors it) and for checks. */
export const PIN_PATTERN_SOURCE = `[0-9]{${PIN_LENGTH}}`;
const PIN_PATTERN = new RegExp(`^${PIN_PATTERN_SOURCE}$`);

export function isPin(value: string): boolean {
  return PIN_PATTERN.test(value);
}
