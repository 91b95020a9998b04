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
  function say(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state);
  }
  function run() {
    if (!supported) return say('This browser cannot use security keys or trusted platforms here.', 'unsupported');
    say("Follow your browser's instructions.", 'waiting');
    var call =
      mode === 'create'
        ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    call.then(
      function (credential) {
        form.elements.credential.value = JSON.stringify(credential.toJSON());
        say('Checking…', 'sending');
        form.submit();
      },
      function (error) {
        say(
          error && error.name === 'InvalidStateError'
            ? 'This authenticator is already registered.'
            : 'The request was cancelled or timed out. Choose “Try again” to start over.',
          'failed',
        );
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
