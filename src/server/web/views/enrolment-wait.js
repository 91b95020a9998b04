// The "Initialise your device" page: waits for the device without a reload
// (long-poll.js, served in front of this) and says how it ended. Served as
// /static/enrolment-wait.js (the CSP allows no inline script).
/* global sidekeyLongPoll -- long-poll.js, served in front of this */
(function () {
  var status = document.getElementById('enrolment-status');
  if (!status) return;
  var url = status.getAttribute('data-status-url') + '?wait=1';
  // The page's language, from the server (data-texts); English if it is missing.
  var texts = JSON.parse(status.getAttribute('data-texts') || 'null') || {
    done: 'Your device is initialised. You can now use Sidekey to sign in.',
    expired: 'This code has expired. Start again to get a new one.',
    cancelled: 'Too many wrong PIN codes were entered. Start again with a new code.',
  };
  function show(state) {
    status.textContent = texts[state];
    status.setAttribute('data-state', state);
    document.getElementById(state === 'done' ? 'enrolment-next' : 'enrolment-retry').hidden = false;
    var qr = document.querySelector('[data-sidekey-qr]');
    if (qr) qr.remove();
  }
  sidekeyLongPoll(url, texts, show);
})();
