/** Account creation: the form, its server-side validation, and the mail. */
import type { FastifyInstance } from 'fastify';
import { normaliseEmail } from '../../platform/email-address';
import { z } from 'zod';
import { isLanguageCode } from '../../../core/languages';
import type { WithDeps } from '../../domain/deps';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';
import { register } from '../../domain/accounts';
import { newCaptcha } from '../../domain/captcha';
import { helpPage, privacyPage, registeredPage, registerPage, type RegisterField } from '../views/register';
import { tr } from '../../i18n/catalogue';

const body = z.object({
  action: z.enum(['create', 'new-code']).default('create'),
  captchaId: text(100).default(''),
  firstName: text(100).default(''),
  lastName: text(100).default(''),
  email: text(254).default(''),
  emailConfirm: text(254).default(''),
  language: text(5).default('en'),
  captcha: text(20).default(''),
  privacy: text(5).optional(),
});

export async function registrationRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store } = deps;

  app.get('/cas/register', async (_request, reply) => {
    const captcha = await newCaptcha(store, config.captchaTestMode);
    return reply.html(registerPage({ csrf: reply.csrfToken(), captcha, values: {}, errors: {} }));
  });

  app.post('/cas/register', { schema: { body: body } }, async (request, reply) => {
    const form = request.body;
    const values = { ...form, privacy: form.privacy === 'yes' ? 'yes' : '' };
    const rerender = async (errors: Partial<Record<RegisterField, string>>, message?: string, status = 422) => {
      const captcha = await newCaptcha(store, config.captchaTestMode);
      return reply.code(status).html(registerPage({ csrf: reply.csrfToken(), captcha, values, errors, message }));
    };
    if (form.action === 'new-code') {
      if (form.captchaId) await store.captchas.check(form.captchaId, ''); // use the old one up
      return rerender({}, undefined, 200);
    }

    const errors: Partial<Record<RegisterField, string>> = {};
    const firstName = form.firstName.trim();
    const lastName = form.lastName.trim();
    const typed = form.email.trim();
    const email = normaliseEmail(typed) ?? '';
    if (!firstName) errors.firstName = tr('firstNameMissing');
    if (!lastName) errors.lastName = tr('lastNameMissing');
    if (!typed) errors.email = tr('emailMissing');
    else if (!email) errors.email = tr('emailInvalid');
    if (typed && form.emailConfirm.trim().toLowerCase() !== typed.toLowerCase()) {
      errors.emailConfirm = tr('emailsDiffer');
    }
    if (!isLanguageCode(form.language)) errors.language = tr('languageMissing');
    if (values.privacy !== 'yes') errors.privacy = tr('privacyMissing');
    // Always use the code up, even when other fields are wrong, so it cannot be retried.
    const captchaOk = form.captchaId !== '' && (await store.captchas.check(form.captchaId, form.captcha));
    if (!captchaOk) errors.captcha = tr('captchaWrong');
    if (Object.keys(errors).length > 0) return rerender(errors);

    const outcome = await register(
      deps,
      { firstName, lastName, email, language: form.language },
      clientContext(request).ip,
    );
    if (outcome === 'rate-limited') {
      return rerender({}, tr('tooManyRequestsHour'), 429);
    }
    return reply.html(registeredPage(email));
  });

  app.get('/cas/privacy', async (_request, reply) => reply.html(privacyPage()));
  app.get('/cas/help', async (_request, reply) => reply.html(helpPage()));
}
