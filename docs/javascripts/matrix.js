/* Deep Learning Framework Matrix: progressive enhancement of the static tables.
   - matrix: search, category / framework / level filters, "only differences", state in the URL
   - frameworks table: sortable columns (buttons in headers, aria-sort)
   The HTML is complete without this script; it only hides rows and columns. */
(function () {
  "use strict";

    function $all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  /* ---------- Matrix ---------- */

  function Matrix(root) {
    this.root = root;
    this.form = root.querySelector("[data-dlm-controls]");
    this.table = root.querySelector("table[data-matrix-table]");
    this.count = root.querySelector("[data-dlm-count]");
    this.empty = root.querySelector("[data-dlm-empty]");
    this.bodies = $all(this.table, "tbody[data-topic]");
    this.rows = $all(this.table, "tr[data-feature]").map(function (tr) {
      var cells = {};
      $all(tr, "td[data-framework]").forEach(function (td) {
        cells[td.getAttribute("data-framework")] = td;
      });
      var hl = $all(tr, ".dlm-feature-name, .dlm-feature-desc, .dlm-note");
      return {
        tr: tr, cells: cells, hl: hl, topic: tr.getAttribute("data-topic"),
        text: hl.map(function (el) { return el.textContent; }).join(" ").toLowerCase()
      };
    });
    this.columns = $all(this.table, "thead th[data-framework]").map(function (th) {
      return th.getAttribute("data-framework");
    });
    var table = this.table;
    this.columnCells = {};  // framework id -> its header and cells, looked up once
    this.columns.forEach(function (id) {
      this.columnCells[id] = $all(table, '[data-framework="' + id + '"]');
    }, this);
    this.shownColumns = this.columns.join(",");
    this.urlTimer = null;
    this.form.hidden = false;
    var more = this.form.querySelector("[data-dlm-more]");
    if (more && window.matchMedia("(min-width: 60em)").matches) more.open = true;
    this.bind();
    this.apply(this.readUrl(), false);
  }

  Matrix.prototype.defaults = function (name) {
    return $all(this.form, 'input[name="' + name + '"][data-default]').map(function (i) { return i.value; });
  };

  Matrix.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var list = function (name, fallback) {
      var raw = params.get(name);
      return raw === null ? fallback : raw.split(",").filter(Boolean);
    };
    return {
      q: params.get("search") || "",
      cat: list("cat", this.defaults("cat")),
      fw: list("fw", this.defaults("fw")),
      level: list("level", []),
      diff: params.get("diff") === "1"
    };
  };

  Matrix.prototype.readForm = function () {
    var form = this.form;
    var checked = function (name) {
      return $all(form, 'input[name="' + name + '"]:checked').map(function (i) { return i.value; });
    };
    return { q: form.elements.search.value.trim(), cat: checked("cat"), fw: checked("fw"), level: checked("level"),
             diff: form.elements.diff.checked };
  };

  Matrix.prototype.writeForm = function (state) {
    var form = this.form;
    form.elements.search.value = state.q;
    form.elements.diff.checked = state.diff;
    ["cat", "fw", "level"].forEach(function (name) {
      $all(form, 'input[name="' + name + '"]').forEach(function (input) {
        input.checked = state[name].indexOf(input.value) !== -1;
      });
    });
  };

  Matrix.prototype.toQuery = function (state) {
    var params = new URLSearchParams();
    var same = function (a, b) { return a.length === b.length && a.every(function (x) { return b.indexOf(x) !== -1; }); };
    if (state.q) params.set("search", state.q);
    if (!same(state.cat, this.defaults("cat"))) params.set("cat", state.cat.join(","));
    if (!same(state.fw, this.defaults("fw"))) params.set("fw", state.fw.join(","));
    if (state.level.length) params.set("level", state.level.join(","));
    if (state.diff) params.set("diff", "1");
    var query = params.toString().replace(/%2C/g, ",");
    return query ? "?" + query : window.location.pathname;
  };

  Matrix.prototype.bind = function () {
    var self = this;
    var typing = false;
    this.form.addEventListener("input", function (event) {
      var isSearch = event.target.name === "search";
      // A burst of typing is one history entry; a checkbox click is one entry each.
      self.apply(self.readForm(), isSearch && typing ? "replace" : "push");
      typing = isSearch;
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    $all(this.root, '[data-action="reset"]').forEach(function (el) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        self.apply({ q: "", cat: self.defaults("cat"), fw: self.defaults("fw"), level: [], diff: false }, "push");
        self.form.elements.search.focus();
      });
    });
    this.form.querySelector('[data-action="show-retired"]').addEventListener("click", function () {
      var state = self.readForm();
      state.fw = self.columns.slice();
      self.apply(state, "push");
    });
    this.onPop = function () { self.apply(self.readUrl(), false); };
    window.addEventListener("popstate", this.onPop);
  };

  Matrix.prototype.apply = function (state, history) {
    this.writeForm(state);
    this.render(state);
    if (!history) return;
    // While typing, the URL follows once the typing pauses: the table is updated first.
    var self = this;
    clearTimeout(this.urlTimer);
    var write = function () {
      var url = self.toQuery(state) + window.location.hash;
      if (history === "push" || url !== window.location.search + window.location.hash) {
        window.history[history === "push" ? "pushState" : "replaceState"](null, "", url);
      }
    };
    if (history === "push") write(); else this.urlTimer = setTimeout(write, 300);
  };

  Matrix.prototype.render = function (state) {
    var shownFw = this.columns.filter(function (id) { return state.fw.indexOf(id) !== -1; });
    if (shownFw.join(",") !== this.shownColumns) {
      this.shownColumns = shownFw.join(",");
      this.columns.forEach(function (id) {
        var hide = shownFw.indexOf(id) === -1;
        this.columnCells[id].forEach(function (el) { if (el.hidden !== hide) el.hidden = hide; });
      }, this);
    }
    var query = state.q.toLowerCase();
    var visible = 0;
    var perTopic = {};
    this.rows.forEach(function (row) {
      var show = state.cat.indexOf(row.topic) !== -1 && (!query || row.text.indexOf(query) !== -1);
      if (show && state.level.length) {
        show = shownFw.some(function (id) { return state.level.indexOf(row.cells[id].getAttribute("data-level")) !== -1; });
      }
      if (show && state.diff) {
        var first = null;
        show = shownFw.some(function (id) {
          var value = row.cells[id].getAttribute("data-value");
          if (first === null) first = value;
          return value !== first;
        });
      }
      if (row.tr.hidden === show) row.tr.hidden = !show;
      if (show) { visible += 1; perTopic[row.topic] = true; }
    });
    this.bodies.forEach(function (body) {
      var hide = !perTopic[body.getAttribute("data-topic")];
      if (body.hidden !== hide) body.hidden = hide;
    });
    this.highlight(query);
    this.count.textContent = "Showing " + visible + " of " + this.rows.length + " features for " +
      shownFw.length + " of " + this.columns.length + " frameworks.";
    this.empty.hidden = visible !== 0;
  };

  // Matches are painted with the CSS Custom Highlight API: no DOM change, so typing stays fast on
  // large tables. Browsers without it simply show no highlight.
  var canHighlight = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
  var MAX_HIGHLIGHTED_ROWS = 300;

  Matrix.prototype.highlight = function (query) {
    if (!canHighlight) return;
    var ranges = [];
    var rows = 0;
    if (query.length >= 2) {
      this.rows.forEach(function (row) {
        if (rows >= MAX_HIGHLIGHTED_ROWS || row.tr.hidden || row.text.indexOf(query) === -1) return;
        rows += 1;
        row.hl.forEach(function (element) { collectRanges(element, query, ranges); });
      });
    }
    var highlight = new Highlight();
    ranges.forEach(function (range) { highlight.add(range); });
    CSS.highlights.set("dlm-search", highlight);
  };

  function collectRanges(element, query, ranges) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      var text = node.nodeValue.toLowerCase();
      for (var at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) {
        var range = new Range();
        range.setStart(node, at);
        range.setEnd(node, at + query.length);
        ranges.push(range);
      }
    }
  }

  Matrix.prototype.destroy = function () { window.removeEventListener("popstate", this.onPop); };

  /* ---------- Sortable frameworks table (W3C APG sortable table pattern) ---------- */

  function sortable(table) {
    var headers = $all(table, "thead th");
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dlm-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[index];
          return cell.getAttribute("data-sort-value") || cell.textContent.trim().toLowerCase();
        };
        var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
        rows.sort(function (a, b) {
          var result = collator.compare(key(a), key(b));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* ---------- Wiring: Material's instant navigation replaces the page without reloading ---------- */

  var current = [];
  function init() {
    current.forEach(function (m) { m.destroy(); });
    current = $all(document, "[data-dlm-matrix]").filter(function (root) {
      return root.querySelector("[data-dlm-controls]");
    }).map(function (root) { return new Matrix(root); });
    $all(document, "table[data-sortable]").forEach(sortable);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
