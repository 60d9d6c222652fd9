// The localtrust gateway console's only script (served from /console/assets, allowed by the CSP as 'self').
// Everything works without it; it adds two things: the pending list refreshes itself, and the trust
// page checks whether this browser trusts the gateway.
'use strict';
(function () {
  function livePending() {
    var region = document.getElementById('pending');
    if (!region || !region.dataset.live) { return; }
    var revision = region.dataset.revision || '';
    function poll() {
      fetch(region.dataset.live, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (r.status !== 200) { throw new Error('signed out'); }
        var rev = r.headers.get('X-Revision') || '';
        return r.text().then(function (html) {
          if (rev !== revision) {
            revision = rev;
            region.dataset.revision = rev;
            region.innerHTML = html;
          }
          setTimeout(poll, 1500);
        });
      }).catch(function () { /* signed out or offline: stop; a reload starts again */ });
    }
    setTimeout(poll, 1500);
  }

  function trustCheck() {
    var p = document.getElementById('trust-check');
    if (!p || !p.dataset.check) { return; }
    fetch(p.dataset.check, { mode: 'cors', cache: 'no-store', credentials: 'omit' }).then(function (r) {
      return r.json();
    }).then(function (j) {
      if (!j.trusted) { throw new Error('unexpected answer'); }
      p.className = 'ok';
      p.dataset.state = 'trusted';
      p.textContent = 'Yes: this browser trusts the gateway (it reached ' + new URL(p.dataset.check).host
        + ' over HTTPS without a certificate error).';
    }).catch(function () {
      p.className = 'bad';
      p.dataset.state = 'untrusted';
      p.textContent = 'No: this browser does not trust the gateway yet (or cannot reach '
        + new URL(p.dataset.check).host + '). Install the root below, then reload this page.';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    livePending();
    trustCheck();
  });
}());
