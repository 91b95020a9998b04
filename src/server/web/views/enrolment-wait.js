// The "Initialise your device" page: waits for the device without a reload
// (long poll on the status URL) and says how it ended. Served as
// /static/enrolment-wait.js (the CSP allows no inline script).
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
  function poll(delay) {
    setTimeout(function () {
      fetch(url, { credentials: 'same-origin', cache: 'no-store' })
        .then(function (res) {
          return res.ok ? res.json() : { status: 'retry' };
        })
        .then(function (body) {
          if (texts[body.status]) show(body.status);
          else poll(body.status === 'waiting' ? 0 : 2000);
        })
        .catch(function () {
          poll(2000); // the server restarted or the network blinked: keep waiting
        });
    }, delay);
  }
  poll(0);
})();
