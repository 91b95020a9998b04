/**
 * What the sensitive changes of My Account share (adding a device or a key,
 * renaming, removing): the guide's "If needed, authenticate again", the
 * approval of an existing device, and the handlers of rename and remove.
 * Every route using them is behind `requireSignIn`; the CSRF plugin has
 * checked the form before.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../domain/deps';
import { checkCurrentPassword, checkPasswordSignIn, waitMessage } from '../../domain/password-check';
import { approvalFromExistingDevice } from '../../domain/step-up';
import { tr } from '../../i18n/catalogue';
import { text } from '../plugins/form-body';
import { clientContext, FRESH_MS, signedIn, type SignedIn } from '../plugins/session';
import { reauthPage } from '../views/devices';
import { messagePage } from '../views/login';
import { stepUpPage, type StepUpNext } from '../views/push';

const passwordBody = z.object({ password: text(512).default('') });
const renameBody = z.object({ name: text(100).default('') });
/** The id in the path; whether it is one of ours is the route's own test. */
const idParams = z.object({ id: text(100) });

/** A handler's request with its declared inputs, as the route's schema parses them. */
type Parsed<Body extends z.ZodType, Params extends z.ZodType | undefined = undefined> = FastifyRequest<{
  Body: z.output<Body>;
  Params: Params extends z.ZodType ? z.output<Params> : unknown;
}>;
const backToAccount = () => ({ href: '/cas/account', label: tr('myAccount') });

/** The page that asks the password again before a change: its title, and where its form posts. */
export interface ReauthTarget {
  title: string;
  action: string;
}

/**
 * Whether the signed-in user may make a sensitive change now: a sign-in at most FRESH_MS old, and
 * an existing device's approval when the account has one. Otherwise the page that asks is sent
 * (200 when the user opened the page; with `refusing`, 401/403 for a form sent too late) and the
 * answer is undefined.
 */
async function allowSensitiveChange(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  change: { reauth: ReauthTarget; next: StepUpNext; refusing?: boolean },
): Promise<SignedIn | undefined> {
  const who = signedIn(request);
  if (deps.now() - who.session.authenticatedAt >= FRESH_MS) {
    await reply.code(change.refusing ? 401 : 200).html(reauthPage(who.frame, undefined, change.reauth));
    return undefined;
  }
  if ((await approvalFromExistingDevice(deps.store, who.user.uid, who.session, deps.now())) === 'required') {
    const devices = await deps.store.devices.activeFor(who.user.uid);
    await reply.code(change.refusing ? 403 : 200).html(stepUpPage(who.frame, devices, undefined, change.next));
    return undefined;
  }
  return who;
}

/**
 * The same check as a declared guard, after the sign-in guard:
 * `{ preHandler: [app.requireSignIn, requireSensitiveChange(deps, change)] }`; the route then reads
 * `signedIn(request)`. When the check answers (the password again, or an existing device's
 * approval), the route does not run.
 */
export function requireSensitiveChange(
  deps: Deps,
  change: () => { reauth: ReauthTarget; next: StepUpNext; refusing?: boolean },
): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    if (!(await allowSensitiveChange(request, reply, deps, change()))) return reply;
  };
}

/**
 * The password again before a sensitive change (the guide: "If needed, authenticate again"):
 * throttled like every password check, then the session counts as fresh and goes on to `next`.
 * Route options: its schema and handler.
 */
export function reauthRoute(deps: Deps, target: () => ReauthTarget, next: string) {
  const handler = async (request: Parsed<typeof passwordBody>, reply: FastifyReply) => {
    const who = signedIn(request);
    const form = request.body;
    const check = await checkPasswordSignIn(deps, who.user.uid, form.password, clientContext(request));
    if (!check.ok) {
      const message = check.waitMs > 0 ? waitMessage(check.waitMs) : tr('passwordWrong');
      return reply.code(check.waitMs > 0 ? 429 : 401).html(reauthPage(who.frame, message, target()));
    }
    await deps.store.sessions.reauthenticated(who.token);
    return reply.goTo(next);
  };
  return { schema: { body: passwordBody }, handler };
}

/** Renaming something of the signed-in user's (a device, a security key): 1 to 50 characters, only their own, logged. */
export function renameRoute(
  deps: Deps,
  what: {
    id: RegExp;
    rename: (uid: string, id: string, name: string) => Promise<boolean>;
    activity: 'device-renamed' | 'security-key-renamed';
  },
) {
  const handler = async (request: Parsed<typeof renameBody, typeof idParams>, reply: FastifyReply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const name = request.body.name.trim();
    if (!name || [...name].length > 50 || !what.id.test(id) || !(await what.rename(user.uid, id, name)))
      return reply.code(422).html(messagePage(tr('notRenamed'), tr('nameRule'), backToAccount()));
    await deps.store.activity.record(user.uid, what.activity, clientContext(request), name);
    return reply.goTo('/cas/account');
  };
  return { schema: { body: renameBody, params: idParams }, handler };
}

/**
 * Removing something of the signed-in user's (a device, a security key): the current password
 * (throttled like every password check), then only their own; logged. `remove` answers the
 * removed thing's name, or null when there is no such thing of theirs.
 */
export function removeRoute(
  deps: Deps,
  what: {
    remove: (uid: string, id: string) => Promise<string | null>;
    notFound: () => string;
    activity: 'device-removed' | 'security-key-removed';
  },
) {
  const handler = async (request: Parsed<typeof passwordBody, typeof idParams>, reply: FastifyReply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = request.body;
    const refuse = (code: number, message: string) =>
      reply.code(code).html(messagePage(tr('notRemoved'), message, backToAccount()));
    const current = await checkCurrentPassword(deps, user, form.password, clientContext(request));
    if (!current.ok)
      return current.waitMs > 0 ? refuse(429, waitMessage(current.waitMs)) : refuse(401, tr('passwordWrongNotRemoved'));
    const name = await what.remove(user.uid, id);
    if (name === null) return refuse(404, what.notFound());
    await deps.store.activity.record(user.uid, what.activity, clientContext(request), name);
    return reply.goTo('/cas/account');
  };
  return { schema: { body: passwordBody, params: idParams }, handler };
}
