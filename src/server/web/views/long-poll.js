// What the waiting pages share ("Initialise your device", "Check your device"): a long poll on
// their status URL until the status is one the page has a text for, then `ended(status)`. A
// network error or a server restart waits 2 s and asks again; so does a status the page does not
// know. Served in front of each waiting page's own script (the CSP allows no inline script).
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global for the page script served after it
function sidekeyLongPoll(url, texts, ended, notFoundStatus) {
  function poll(delay) {
    setTimeout(function () {
      fetch(url, { credentials: 'same-origin', cache: 'no-store' })
        .then(function (res) {
          if (res.ok) return res.json();
          return { status: res.status === 404 && notFoundStatus ? notFoundStatus : 'retry' };
        })
        .then(function (body) {
          if (texts[body.status]) ended(body.status);
          else poll(body.status === 'waiting' ? 0 : 2000);
        })
        .catch(function () {
          poll(2000); // the server restarted or the network blinked: keep waiting
        });
    }, delay);
  }
  poll(0);
}
