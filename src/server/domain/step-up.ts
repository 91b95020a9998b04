/**
 * "If you already initialized the EU Login Mobile App on another device, you
 * are requested to authenticate using the already registered device" (the
 * guide). The one check that adding a device or a security key calls: an
 * account with an active device needs that device's approval (a push request
 * with purpose `add-device`, docs/protocol.md §6), which marks the session for
 * a few minutes and is used up by the change it allowed.
 */
import type { Session } from '../store/sessions';
import type { Store } from '../store/store';

export type StepUp = 'not-needed' | 'approved' | 'required';

export async function approvalFromExistingDevice(
  store: Store,
  uid: string,
  session: Session,
  now: number,
): Promise<StepUp> {
  if ((await store.devices.activeFor(uid)).length === 0) return 'not-needed';
  return session.stepUpUntil !== null && session.stepUpUntil > now ? 'approved' : 'required';
}
