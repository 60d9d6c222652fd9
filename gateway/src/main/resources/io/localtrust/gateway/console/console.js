// The localtrust gateway console's only script (served from /console/assets, allowed by the CSP as 'self').
// Everything works without it; it adds three things: the pending list refreshes itself, a running
// scan's progress updates itself (then its report opens), and the trust page checks whether this
// browser trusts the gateway.
'use strict';
(function () {
  // Which form a button belongs to: its action and the device it acts on.
  function formKey(form) {
    return form.getAttribute('action') + '|' + (form.elements.devId ? form.elements.devId.value : '');
  }

  // Redraws the list; a keyboard user on one of its buttons stays on the same button if it is still there.
  function replaceKeepingFocus(region, html) {
    var active = document.activeElement;
    var key = active && region.contains(active) && active.form ? formKey(active.form) : null;
    region.innerHTML = html;
    if (!key) { return; }
    var forms = region.querySelectorAll('form');
    for (var i = 0; i < forms.length; i++) {
      if (formKey(forms[i]) === key) { forms[i].querySelector('button').focus(); return; }
    }
  }

  function livePending() {
    var region = document.getElementById('pending');
    if (!region || !region.dataset.live) { return; }
    var revision = region.dataset.revision || '';
    function poll() {
      var url = region.dataset.live + '?since=' + encodeURIComponent(revision);
      fetch(url, { credentials: 'same-origin', cache: 'no-store', redirect: 'error' }).then(function (r) {
        if (r.status === 204) { setTimeout(poll, 1500); return null; }
        if (r.status !== 200) { throw new Error('signed out'); }
        var rev = r.headers.get('X-Revision') || '';
        return r.text().then(function (html) {
          if (rev !== revision) {
            revision = rev;
            region.dataset.revision = rev;
            replaceKeepingFocus(region, html);
          }
          setTimeout(poll, 1500);
        });
      }).catch(function () { /* signed out or offline: stop; a reload starts again */ });
    }
    setTimeout(poll, 1500);
  }

  // The Scans page's progress: polled while a scan runs; when it ends, open that scan's report.
  function liveScan() {
    var region = document.getElementById('scan-progress');
    if (!region || region.dataset.state !== 'running') { return; }
    var id = region.dataset.scanId;
    function poll() {
      fetch(region.dataset.live, { credentials: 'same-origin', cache: 'no-store', redirect: 'error' }).then(function (r) {
        if (r.status !== 200) { throw new Error('signed out'); }
        var state = r.headers.get('X-Scan-State');
        var now = r.headers.get('X-Scan-Id') || '';
        return r.text().then(function (html) {
          if (state === 'running' && now === id) {
            region.innerHTML = html;
            setTimeout(poll, 1000);
            return;
          }
          window.location.assign('/console/scans/' + encodeURIComponent(id));
        });
      }).catch(function () { /* signed out or offline: stop; a reload starts again */ });
    }
    setTimeout(poll, 1000);
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
    liveScan();
    trustCheck();
  });
}());
