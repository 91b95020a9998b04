// Runs the WebAuthn ceremony of the page's form (data-webauthn="create" or "get"): the server's
// options (JSON, in data-options) go to the browser's dialog through @simplewebauthn/browser
// (served first in the same file as its global SimpleWebAuthnBrowser), which encodes them for
// navigator.credentials and the credential back to JSON (WebAuthn L3 §5.1 toJSON's shape) in any
// browser with WebAuthn; the result is posted with the form. Served as /static/webauthn.js (the
// CSP allows no inline script).
(function () {
  var form = document.querySelector('form[data-webauthn]');
  if (!form) return;
  var status = document.getElementById('webauthn-status');
  var mode = form.getAttribute('data-webauthn');
  var options = JSON.parse(form.getAttribute('data-options'));
  var webauthn = window.SimpleWebAuthnBrowser;
  var supported = !!webauthn && webauthn.browserSupportsWebAuthn();
  // The page's language, from the server (data-texts); English if it is missing.
  var texts = JSON.parse(status.getAttribute('data-texts') || 'null') || {
    waiting: "Follow your browser's instructions.",
    unsupported: 'This browser cannot use security keys or trusted platforms here.',
    exists: 'This authenticator is already registered.',
    failed: 'The request was cancelled or timed out. Choose “Try again” to start over.',
    sending: 'Checking…',
  };
  function say(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state);
  }
  function run() {
    if (!supported) return say(texts.unsupported, 'unsupported');
    say(texts.waiting, 'waiting');
    var call =
      mode === 'create'
        ? webauthn.startRegistration({ optionsJSON: options })
        : webauthn.startAuthentication({ optionsJSON: options });
    call.then(
      function (credential) {
        form.elements.credential.value = JSON.stringify(credential);
        say(texts.sending, 'sending');
        form.submit();
      },
      function (error) {
        // InvalidStateError: an excluded credential, i.e. this authenticator is already registered (WebAuthn §6.3.2 step 3).
        say(error && error.name === 'InvalidStateError' ? texts.exists : texts.failed, 'failed');
      },
    );
  }
  form.addEventListener('submit', function (event) {
    if (!form.elements.credential.value) {
      event.preventDefault();
      run();
    }
  });
  run();
})();
