// The "Check your device" page: waits for the device's answer without a
// reload (long-poll.js, served in front of this) and then submits the page's form, so
// the sign-in proceeds by itself. Served as /static/push-wait.js (the CSP
// allows no inline script). Without script, the Continue button does the same.
/* global sidekeyLongPoll -- long-poll.js, served in front of this */
(function () {
  var status = document.getElementById('push-status');
  var form = document.getElementById('push-continue');
  if (!status || !form) return;
  var button = form.querySelector('button');
  if (button) button.hidden = true;
  var url = status.getAttribute('data-status-url') + '&wait=1';
  // The page's language, from the server (data-texts); English if it is missing.
  var texts = JSON.parse(status.getAttribute('data-texts') || 'null') || {
    approved: 'Approved. Signing you in…',
    denied: 'The request was denied on your device.',
    reported: 'The request was reported as not made by you.',
    'wrong-number': 'The number chosen on your device did not match.',
    failed: 'Too many wrong PIN codes.',
    locked: 'Your device is locked after too many wrong PIN codes.',
    expired: 'The request has expired.',
  };
  function finish(state) {
    status.textContent = texts[state];
    status.setAttribute('data-state', state);
    status.setAttribute('data-sidekey-push', 'ended');
    form.submit();
  }
  // A request this browser no longer has (404) has ended: the form says how.
  sidekeyLongPoll(url, texts, finish, 'expired');
})();
