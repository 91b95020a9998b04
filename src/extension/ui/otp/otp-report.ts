/** How the one-time-code panels tell the section what happened. */
export type Report = { error(message: string): void; notice(message: string): void; changed(): void };

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
