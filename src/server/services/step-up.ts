/**
 * "If you already initialized the EU Login Mobile App on another device, you
 * are requested to authenticate using the already registered device" (the
 * guide). The one check that adding a device or a security key calls.
 *
 * TODO [2027-01-31]: the push-request issue answers 'required' by sending an
 * approval request to an existing device; until then the change is refused.
 */
import type { Store } from '../store/store';

export type StepUp = 'not-needed' | 'required';

export async function approvalFromExistingDevice(store: Store, uid: string): Promise<StepUp> {
  const devices = await store.devices.listFor(uid);
  return devices.some((d) => d.status === 'active') ? 'required' : 'not-needed';
}
