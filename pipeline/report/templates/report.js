"use strict";
(function () {
  // Marks the page as scripted: tests check our (hash-allowed) script ran while injected ones did not.
  document.documentElement.setAttribute("data-js", "ready");
  window.addEventListener("load", function () {
    // Read by benchmarks/bench_report.py: milliseconds from navigation start to the load event.
    setTimeout(function () {
      document.documentElement.setAttribute("data-load-ms", String(Math.round(performance.now())));
    }, 0);
  });
  // Sortable tables: header buttons (keyboard-operable), numeric when both cells have data-v numbers.
  function cellKey(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    return cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim().toLowerCase();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var xn = a !== "" && !isNaN(x), yn = b !== "" && !isNaN(y);
    if (xn && yn) return x - y;
    if (xn !== yn) return xn ? -1 : 1; // numbers before blanks
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (r, i) { return [cellKey(r, col), i, r]; });
        keyed.sort(function (p, q) {
          var c = compare(p[0], q[0]);
          if (dir === "descending") c = -c;
          return c || p[1] - q[1];
        });
        var frag = document.createDocumentFragment();
        keyed.forEach(function (k) { frag.appendChild(k[2]); });
        body.appendChild(frag);
      });
    });
  });

  // Filter the evidence table as the curator types.
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });

  // Links into collapsed articles: open the <details>, then focus the highlight.
  function reveal(id) {
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
    var target = el.tagName === "DETAILS" ? el.querySelector("summary") : (el.closest("mark") || el);
    target.scrollIntoView({block: "center"});
    if (target.focus) target.focus({preventScroll: true});
  }
  // Clicking the same link twice fires no hashchange: reveal on click as well.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    if (a) setTimeout(function () { reveal(a.getAttribute("href").slice(1)); }, 0);
  });
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));

  document.querySelectorAll("button[data-details]").forEach(function (b) {
    b.addEventListener("click", function () {
      var open = b.getAttribute("data-details") === "open";
      document.querySelectorAll("details.article").forEach(function (d) { d.open = open; });
    });
  });
})();
