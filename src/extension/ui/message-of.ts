/** The text to show for a failure: an Error's message (the background's replies are already the user's words). */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
