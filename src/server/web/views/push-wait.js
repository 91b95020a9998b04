// The "Check your device" page: waits for the device's answer without a
// reload (long poll on the status URL) and then submits the page's form, so
// the sign-in proceeds by itself. Served as /static/push-wait.js (the CSP
// allows no inline script). Without script, the Continue button does the same.
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
  function poll(delay) {
    setTimeout(function () {
      fetch(url, { credentials: 'same-origin', cache: 'no-store' })
        .then(function (res) {
          return res.ok ? res.json() : { status: res.status === 404 ? 'expired' : 'retry' };
        })
        .then(function (body) {
          if (texts[body.status]) finish(body.status);
          else poll(body.status === 'waiting' ? 0 : 2000);
        })
        .catch(function () {
          poll(2000); // the server restarted or the network blinked: keep waiting
        });
    }, delay);
  }
  poll(0);
})();
