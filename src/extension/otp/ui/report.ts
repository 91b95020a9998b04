/** What the one-time-code section and its panels share: the list as the background sends it, and how a panel tells the section what happened. */
import type { ResponseOf } from '../../../core/messages';

export type OtpView = ResponseOf<'otpList'>;

export type Report = { error(message: string): void; notice(message: string): void; changed(): void };
