// report.html: sorts and filters the findings table. Inlined and allowed by its hash in the page's
// Content-Security-Policy; keep it ASCII and free of closing script tags and HTML comments.
(function () {
  'use strict';
  var table = document.getElementById('findings');
  if (!table) {
    return;
  }
  var tbody = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var column = {};
  headers.forEach(function (th, i) { column[th.getAttribute('data-col')] = i; });

  var SEVERITY = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
  var STATUS = { NEW: 1, OPEN: 2, EXCEPTED: 3, RESOLVED: 4 };

  function text(tr, col) {
    return tr.cells[column[col]].textContent;
  }

  // One record per row, read once: sorting and filtering then never touch the cells again.
  var rows = Array.prototype.map.call(tbody.rows, function (tr, index) {
    var nameCell = tr.cells[column.name];
    var truncated = nameCell.querySelector('bdi[title]');
    var time = tr.cells[column['first-seen']].querySelector('time');
    return {
      tr: tr,
      index: index,
      shown: true,
      severity: text(tr, 'severity'),
      status: text(tr, 'status'),
      policy: text(tr, 'policy'),
      type: text(tr, 'type'),
      owner: text(tr, 'owner'),
      'owner-status': text(tr, 'owner-status'),
      nameLower: (truncated ? truncated.title : nameCell.textContent).toLowerCase(),
      firstSeen: time ? time.dateTime : ''
    };
  });

  var keys = {
    severity: function (r) { return SEVERITY[r.severity] || 0; },
    status: function (r) { return STATUS[r.status] || 0; },
    policy: function (r) { return r.policy; },
    type: function (r) { return r.type; },
    name: function (r) { return r.nameLower; },
    owner: function (r) { return r.owner; },
    'owner-status': function (r) { return r['owner-status']; },
    'first-seen': function (r) { return r.firstSeen; }
  };

  function sortBy(col, descending) {
    var key = keys[col];
    var sign = descending ? -1 : 1;
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      if (x < y) { return -sign; }
      if (x > y) { return sign; }
      return a.index - b.index;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.tr); });
    tbody.appendChild(fragment);
    headers.forEach(function (th) {
      if (th.getAttribute('data-col') === col) {
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
    });
  }

  table.tHead.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-sort]');
    if (!button) {
      return;
    }
    var th = button.closest('th');
    sortBy(button.getAttribute('data-sort'), th.getAttribute('aria-sort') === 'ascending');
  });

  var filters = ['severity', 'status', 'policy', 'type', 'owner', 'owner-status'].map(function (col) {
    return { col: col, select: document.getElementById('filter-' + col) };
  });
  var search = document.getElementById('search');
  var shownCount = document.getElementById('shown-count');
  var findings = Number(shownCount.getAttribute('data-findings')) || 0;

  function applyFilters() {
    var wanted = filters.filter(function (f) { return f.select && f.select.value !== ''; });
    var needle = search ? search.value.toLowerCase() : '';
    var shown = 0;
    rows.forEach(function (r) {
      var match = (needle === '' || r.nameLower.indexOf(needle) !== -1) && wanted.every(function (f) {
        return r[f.col] === f.select.value;
      });
      if (match !== r.shown) {
        r.shown = match;
        r.tr.hidden = !match;
      }
      if (match) {
        shown++;
      }
    });
    // A capped table says, as the page does, how much of the run it holds.
    shownCount.textContent = shown.toLocaleString('en-US') + ' of ' + rows.length.toLocaleString('en-US') + ' rows shown' +
      (findings > rows.length ? '; the table holds ' + rows.length.toLocaleString('en-US') + ' of the run\u2019s ' +
        findings.toLocaleString('en-US') + ' findings' : '');
  }

  filters.forEach(function (f) {
    if (f.select) {
      f.select.addEventListener('change', applyFilters);
    }
  });
  if (search) {
    // Showing thousands of rows again costs a layout: typing fast waits for a pause and lays out once.
    var pending = 0;
    search.addEventListener('input', function () {
      clearTimeout(pending);
      pending = setTimeout(applyFilters, 80);
    });
  }
  // A browser may restore form values on reload: show the rows those values select.
  applyFilters();
}());
