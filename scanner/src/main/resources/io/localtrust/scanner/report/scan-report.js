(function () {
  'use strict';
  var table = document.getElementById('devices');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  var practice = document.getElementById('practice');
  var shown = document.getElementById('shown');
  function apply() {
    var text = filter.value.trim().toLowerCase();
    var p = practice.value;
    var visible = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!p || row.dataset.practice === p) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.classList.toggle('hidden', !ok);
      if (ok) { visible++; }
    });
    document.querySelectorAll('article.device-detail').forEach(function (a) {
      a.classList.toggle('hidden', !!p && a.dataset.practice !== p);
    });
    shown.textContent = visible + ' of ' + body.rows.length + ' shown';
    shown.dataset.visible = visible;
  }
  function sortBy(th) {
    var key = th.dataset.key;
    var asc = !th.classList.contains('sorted-asc');
    table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      var c = key === 'address' ? (x < y ? -1 : x > y ? 1 : 0) : Number(x) - Number(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  table.querySelectorAll('th[data-key]').forEach(function (th) {
    th.addEventListener('click', function () { sortBy(th); });
  });
  filter.addEventListener('input', apply);
  practice.addEventListener('change', apply);
  apply();
}());
