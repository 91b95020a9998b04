// Runs the WebAuthn ceremony of the page's form (data-webauthn="create" or "get"): the server's
// options (JSON, in data-options) go to the browser's dialog through the Level 3 JSON helpers
// (PublicKeyCredential.parse…OptionsFromJSON, credential.toJSON()), and the result is posted with
// the form. Served as /static/webauthn.js (the CSP allows no inline script).
(function () {
  var form = document.querySelector('form[data-webauthn]');
  if (!form) return;
  var status = document.getElementById('webauthn-status');
  var mode = form.getAttribute('data-webauthn');
  var options = JSON.parse(form.getAttribute('data-options'));
  var supported =
    window.PublicKeyCredential &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
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
        ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    call.then(
      function (credential) {
        form.elements.credential.value = JSON.stringify(credential.toJSON());
        say(texts.sending, 'sending');
        form.submit();
      },
      function (error) {
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
