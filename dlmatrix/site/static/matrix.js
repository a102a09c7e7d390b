/* Deep Learning Framework Matrix: the HTML shows the default view and each answer's details (popovers); this adds
   search, must-haves, filters, the view in the URL, copy link, CSV, retired columns. No HTML from strings. */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 44.9375em)");

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function attr(node, name) { return node.getAttribute("data-" + name); }
  function words(text) { return text.toLowerCase().split(/\s+/).filter(Boolean); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text || "";
    if (className) node.className = className;
    return node;
  }
  function and(names) {  // "A, B and C"
    return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }
  // A cell a spreadsheet would run as a formula gets a leading ' (OWASP, CSV injection); numbers stay numbers.
  function neutral(text) { return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? "'" + text : text; }
  function csvField(text) { text = neutral(text); return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; }
  function fetchPage(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
  }

  /* ---------- Matrix ---------- */

  function Matrix(root) {
    var self = this;
    this.root = root;
    this.form = root.querySelector("[data-dlm-controls]");
    this.tables = all(root, "table[data-matrix-table]");
    this.box = root.querySelector("[data-dlm-box]");
    this.count = root.querySelector("[data-dlm-count]");
    this.empty = root.querySelector("[data-dlm-empty]");
    this.summary = root.querySelector("[data-must-summary]");
    this.featurePop = root.querySelector("[data-dlm-feature-pop]");
    this.entries = root.querySelector("template[data-dlm-search-entries]");
    this.vocab = JSON.parse(root.getAttribute("data-vocabulary"));
    this.trs = all(root, "table[data-matrix-table] tr[data-feature]");
    this.bodies = all(this.box, ".dlm-topic");
    this.rows = null;  // read on first use
    this.names = {};
    this.defaults = {};
    this.known = all(this.form, 'input[name="fw"]').map(function (input) {
      self.names[input.value] = input.getAttribute("data-name");
      self.defaults[input.value] = input.getAttribute("data-column");
      return input.value;
    });
    this.mustIds = all(this.box, 'th input[name="must"]').map(function (input) { return input.value; });
    this.topics = all(this.form, 'input[name="cat"]').map(function (input) { return input.value; });
    this.readColumns();
    this.urlTimer = null;
    this.bind();
    // Topics out of sight are drawn one a frame when the page is idle (audits then see real geometry); a large
    // matrix keeps them lazily drawn, so a change only redraws what is in sight.
    var idle = window.requestIdleCallback || setTimeout, topics = this.trs.length > 300 ? [] : this.bodies.slice();
    idle(this.mustList.bind(this));
    (function draw() {
      var topic = topics.shift();
      if (topic) idle(function () { topic.style.contentVisibility = "visible"; requestAnimationFrame(draw); });
    })();
    this.watchLayout();
    var state = this.readUrl();
    if ((state.fw || []).some(function (id) { return self.columns.indexOf(id) < 0; })) {
      this.loadMore().then(function () { self.apply(self.readUrl(), null); });
    }
    if (location.search) this.apply(state, null);
    else {  // the HTML shows this view already
      this.state = state;
      this.writeForm(state);
      this.say(this.trs.length, this.shown(state).length);
    }
    this.reveal();
  }

  // A row named by the address (#feature: a site-search hit, a shared link): shown whatever the filters hid,
  // highlighted, and scrolled to the middle of the screen, clear of the sticky headers. Again just after the
  // start, as Material's instant navigation scrolls to the anchor once the page is in.
  Matrix.prototype.reveal = function () {
    var id = decodeURIComponent(location.hash.slice(1)), row = id && this.rowData() && this.byId[id];
    if (this.target && this.target !== row) this.target.tr.classList.remove("dlm-target");
    this.target = row || null;
    if (!row) return;
    var topic = row.tr.closest(".dlm-topic");
    if (row.tr.hidden || topic.hidden) {
      var next = this.copyState();
      next.q = "";
      next.cat = null;
      next.level = [];
      next.diff = false;
      this.apply(next, "now");
    }
    row.tr.classList.add("dlm-target");
    topic.style.contentVisibility = "visible";
    var scroll = function () { row.tr.scrollIntoView({ block: "center" }); };
    scroll();
    setTimeout(function () { requestAnimationFrame(scroll); }, 100);
  };

  // Columns, each with its header cells (one per topic).
  Matrix.prototype.readColumns = function () {
    var heads = this.heads = {};
    all(this.box, "thead th[data-framework]").forEach(function (th) {
      var id = attr(th, "framework");
      (heads[id] = heads[id] || []).push(th);
    });
    this.columns = Object.keys(heads);
  };

  // Those chosen, else this screen's default (as the CSS shows it).
  Matrix.prototype.shown = function (state) {
    var self = this;
    return this.columns.filter(function (id) {
      if (state.fw) return state.fw.indexOf(id) !== -1;
      var column = self.defaults[id];
      return column === "phone" || (column === "wide" && !PHONE.matches);
    });
  };

  Matrix.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var ids = function (name, known) {
      var raw = params.get(name);
      var found = raw === null ? [] : raw.split(",").filter(function (id, i, list) {
        return known.indexOf(id) !== -1 && list.indexOf(id) === i;
      });
      return found.length ? found : null;
    };
    return { q: params.get("search") || "", must: ids("must", this.mustIds) || [], fw: ids("fw", this.known),
             cat: ids("cat", this.topics), level: ids("level", Object.keys(this.vocab.levels)) || [],
             diff: params.get("diff") === "1", strict: params.get("strict") === "1" };
  };

  Matrix.prototype.changed = function (input) {
    var state = this.copyState(), name = input.name;
    var checked = all(this.form, 'input[name="' + name + '"]:checked').map(function (box) { return box.value; });
    if (name === "search") state.q = input.value;
    else if (name === "diff") state.diff = input.checked;
    else if (name === "strict") state.strict = input.checked;
    else if (name === "level") state.level = checked;
    else if (name === "cat") state.cat = checked.length === this.topics.length ? null : checked;
    else if (name === "fw") state.fw = checked;
    else if (name === "must") {
      state.must = state.must.filter(function (id) { return id !== input.value; });
      if (input.checked) state.must.push(input.value);
    }
    return state;
  };

  Matrix.prototype.copyState = function () {
    var s = this.state;
    return { q: s.q, must: s.must.slice(), fw: s.fw && s.fw.slice(), cat: s.cat, level: s.level.slice(), diff: s.diff,
             strict: s.strict };
  };

  Matrix.prototype.writeForm = function (state) {
    var form = this.form, shown = this.shown(state).concat(state.fw || []);
    // What is typed stays as typed, spaces included.
    if (form.elements.search.value.trim() !== state.q.trim()) form.elements.search.value = state.q;
    form.elements.diff.checked = state.diff;
    form.elements.strict.checked = state.strict;
    var root = this.root;
    (this.ticked || []).concat(state.must).forEach(function (id) {  // only the boxes that change
      all(root, 'input[name="must"][value="' + id + '"]').forEach(function (box) { box.checked = state.must.indexOf(id) !== -1; });
    });
    this.ticked = state.must.slice();
    all(form, 'input[name="fw"]').forEach(function (input) { input.checked = shown.indexOf(input.value) !== -1; });
    all(form, 'input[name="cat"]').forEach(function (input) { input.checked = !state.cat || state.cat.indexOf(input.value) !== -1; });
    all(form, 'input[name="level"]').forEach(function (input) { input.checked = state.level.indexOf(input.value) !== -1; });
    form.querySelector("[data-must-count]").textContent = state.must.length ? String(state.must.length) : "";
  };

  Matrix.prototype.toQuery = function (state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("search", state.q.trim());
    if (state.must.length) params.set("must", state.must.join(","));
    if (state.fw) params.set("fw", state.fw.join(","));
    if (state.cat) params.set("cat", state.cat.join(","));
    if (state.level.length) params.set("level", state.level.join(","));
    if (state.diff) params.set("diff", "1");
    if (state.strict) params.set("strict", "1");
    var query = params.toString().replace(/%2C/g, ",");
    return (query ? "?" + query : window.location.pathname) + window.location.hash;
  };

  Matrix.prototype.say = function (features, frameworks) {
    this.count.textContent = typeof features === "string" ? features :
      features + " of " + this.trs.length + " features, " + frameworks + " of " + this.known.length + " frameworks";
  };

  Matrix.prototype.bind = function () {
    var self = this, root = this.root;
    root.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.name || input.form !== self.form) return;
      var state = self.changed(input);
      if (input.name === "fw" && input.checked && self.columns.indexOf(input.value) === -1) {
        self.loadMore().then(function () { self.apply(state, "now"); });
        return;
      }
      self.apply(state, input.name === "search" ? "later" : "now");
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    var filter = this.form.querySelector("[data-must-filter]");
    if (filter) filter.addEventListener("input", function () { self.filterMust(filter.value); });
    root.addEventListener("keydown", function (event) {
      var panel = event.key === "Escape" && event.target.closest && event.target.closest("details.dlm-panel[open]");
      if (!panel || !root.contains(panel)) return;
      event.preventDefault();
      self.closePanel(panel);
    });
    // The must-have picker opened: the focus goes into it (the filter field when opened by keyboard, else the Close
    // button: a phone's keyboard stays down).
    root.addEventListener("toggle", function (event) {
      var panel = event.target;
      if (!panel.matches || !panel.matches('[data-panel="must"]') || !panel.open) return;
      self.mustList();
      (self.byKeyboard && filter ? filter : panel.querySelector('[data-action="close-panel"]')).focus();
    }, true);
    root.addEventListener("click", function (event) {
      if (event.target.closest('[data-panel="must"] > summary')) {
        self.mustList();
        self.byKeyboard = event.detail === 0;  // Enter or Space on the summary
      }
      var target = event.target.closest("[data-action], a.dlm-fname");
      if (!target || !root.contains(target)) return;
      var action = target.getAttribute("data-action");
      if (!action) {  // a feature's name: its description here
        if (!event.ctrlKey && !event.metaKey && !event.shiftKey && self.describe(target)) {
          event.preventDefault();
          event.stopPropagation();  // or Material's instant navigation follows it
        }
        return;
      }
      event.preventDefault();
      var next = self.copyState();
      if (action === "reset") next = { q: "", must: [], fw: null, cat: null, level: [], diff: false, strict: false };
      else if (action === "clear-search") next.q = "";
      else if (action === "clear-must") next.must = [];
      else if (action === "only-meeting") next.fw = self.meeting;
      else if (action === "copy") return self.copy();
      else if (action === "close-panel") return self.closePanel(target.closest("details"));
      else if (action === "csv") return self.csv();
      else if (action === "show-retired") {
        return self.loadMore().then(function () { next.fw = self.columns.slice(); self.apply(next, "now"); });
      }
      self.apply(next, "now");
      if (action === "reset" || action === "clear-search") self.form.elements.search.focus();
    });
    // A note lives on its framework's page: fetched when its cell opens.
    root.addEventListener("toggle", function (event) {
      var link = event.newState === "open" && event.target.querySelector && event.target.querySelector("a[data-note]");
      if (link && !link.hasAttribute("data-loaded")) self.note(link);
    }, true);
    this.onPop = function () { self.apply(self.readUrl(), null); };
    this.onScreen = function () { self.apply(self.state, null); };
    window.addEventListener("popstate", this.onPop);
    this.onHash = function () { self.reveal(); };
    window.addEventListener("hashchange", this.onHash);
    PHONE.addEventListener("change", this.onScreen);
  };

  // The table scrolls with the page while it fits; wider, in its own box no taller than the screen.
  Matrix.prototype.watchLayout = function () {
    var box = this.box;
    if (!window.ResizeObserver) return box.classList.add("dlm-boxed");
    var observer = this.observer = new ResizeObserver(function () {
      var boxed = box.scrollWidth > box.clientWidth + 1;
      if (boxed !== box.classList.contains("dlm-boxed")) box.classList.toggle("dlm-boxed", boxed);
    });
    observer.observe(box);
    this.bodies.forEach(function (topic) { observer.observe(topic); });
  };

  Matrix.prototype.apply = function (state, history) {
    var before = this.state, key = function (s) { return s && JSON.stringify([s.q, s.fw, s.cat, s.level, s.diff]); };
    this.state = state;
    this.writeForm(state);
    if (this.rows && key(before) === key(state)) this.renderMust(state, this.shown(state));  // only must-haves changed
    else this.render(state);
    if (!history) return;
    // The URL holds the view, replaced (Back leaves the matrix), just after (typing: once it pauses).
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(this.flush.bind(this), history === "now" ? 50 : 300);
  };

  Matrix.prototype.flush = function () {
    clearTimeout(this.urlTimer);
    var url = this.toQuery(this.state);
    if (url !== location.search + location.hash) history.replaceState(history.state, "", url);
  };

  Matrix.prototype.rowData = function () {
    if (this.rows) return this.rows;
    var entries = this.entries ? this.entries.content : null;
    this.byId = {};
    this.rows = this.trs.map(function (tr) {
      var id = attr(tr, "feature"), cells = {};
      for (var i = 1; i < tr.cells.length; i++) cells[attr(tr.cells[i], "framework")] = tr.cells[i];
      var heading = entries && entries.getElementById(id), name = tr.cells[0].querySelector(".dlm-fname");
      var description = heading && heading.nextElementSibling && heading.nextElementSibling.tagName === "P" ?
        heading.nextElementSibling.textContent : "";
      var row = { tr: tr, id: id, topic: attr(tr, "topic"), cells: cells, name: name, values: null,
                  label: name.textContent.toLowerCase(), aliases: (attr(tr, "aliases") || "").toLowerCase().split("|"),
                  description: description.toLowerCase(), index: this.trs.indexOf(tr) };
      this.byId[id] = row;
      return row;
    }, this);
    return this.rows;
  };

  // A cell as text: its level's word, or its value in full.
  Matrix.prototype.cellText = function (td) {
    var level = attr(td, "level");
    if (level !== "value") return this.vocab.levels[level].word;
    return (td.querySelector(".dlm-full") || td.firstChild).textContent;
  };

  Matrix.prototype.values = function (row) {
    if (!row.values) {
      row.values = {};
      for (var id in row.cells) {
        var td = row.cells[id];
        row.values[id] = attr(td, "level") === "value" ? this.cellText(td).toLowerCase() : "";
      }
    }
    return row.values;
  };

  Matrix.prototype.render = function (state) {
    var self = this, shown = this.shown(state), rows = this.rowData(), query = words(state.q);
    this.renderColumns(state, shown);
    var visible = [], topics = {};
    rows.forEach(function (row) {
      row.match = self.matches(row, query, state.q.trim().toLowerCase());
      var show = (!state.cat || state.cat.indexOf(row.topic) !== -1) && !!row.match;
      if (show && state.level.length) {
        show = shown.some(function (id) { return state.level.indexOf(attr(row.cells[id], "level")) !== -1; });
      }
      if (show && state.diff) {
        var first = null, values = self.values(row);
        show = shown.some(function (id) {
          var key = attr(row.cells[id], "level") + values[id];
          if (first === null) first = key;
          return key !== first;
        });
      }
      if (row.tr.hidden === show) row.tr.hidden = !show;
      if (show) { visible.push(row); topics[row.topic] = true; }
    });
    this.bodies.forEach(function (body) {
      var hide = !topics[attr(body, "topic")];
      if (body.hidden !== hide) body.hidden = hide;
    });
    this.order(visible, query.length > 0);
    this.visible = visible;
    this.highlight(query, visible, shown);
    this.renderMust(state, shown);
    this.say(visible.length, shown.length);
    this.empty.hidden = visible.length !== 0;
    this.empty.querySelector("[data-empty-text]").textContent = "No feature matches " +
      (query.length ? "\u201c" + state.q.trim() + "\u201d" : "these filters") + ".";
    this.empty.querySelector('[data-action="clear-search"]').hidden = !query.length;
  };

  // Every word, any order, in the row's name, its aliases, its description or any framework's answer (every column
  // on the page, shown or not: a phone and a desk find the same rows). The match says how good it is and why.
  Matrix.prototype.matches = function (row, query, phrase) {
    if (!query.length) return { rank: 0, why: "" };
    var found = function (text) { return query.every(function (word) { return text.indexOf(word) !== -1; }); };
    if (row.label === phrase) return { rank: 0, why: "" };
    if (row.label.indexOf(phrase) === 0) return { rank: 1, why: "" };
    if (found(row.label)) return { rank: 2, why: "" };
    var aliases = row.aliases.join(" ");
    if (found(row.label + " " + aliases)) {
      return { rank: 3, why: "also called " + row.aliases.filter(function (alias) {
        return query.some(function (word) { return alias.indexOf(word) !== -1; });
      }).join(", ") };
    }
    var text = row.label + " " + aliases + " " + row.description;
    if (found(text)) return { rank: 4, why: "in the description" };
    var values = this.values(row), answers = [];
    var missing = query.filter(function (word) { return text.indexOf(word) === -1; });
    for (var id in values) {
      if (missing.some(function (word) { return values[id].indexOf(word) !== -1; })) answers.push(this.names[id]);
    }
    var all = missing.every(function (word) {
      return Object.keys(values).some(function (id) { return values[id].indexOf(word) !== -1; });
    });
    return all ? { rank: 5, why: "in " + and(answers.slice(0, 3)) + "’s answer" + (answers.length > 3 ? " and others" : "") } : null;
  };

  // With a search, the best matches first: rows by rank within their topic, topics by their best row; each row says
  // why it matched. Without one, the data's order comes back.
  Matrix.prototype.order = function (visible, searching) {
    var best = {};
    this.rows.forEach(function (row) {  // written only where it changes: 1,000 rows, a keystroke each
      var text = searching && row.match ? row.match.why : "";
      if (!row.why) { if (!text) return; row.why = row.tr.cells[0].appendChild(el("small", "", "dlm-why")); }
      if (row.why.textContent !== text) { row.why.textContent = text; row.why.hidden = !text; }
    });
    if (!searching && !this.reordered) return;
    this.reordered = searching;
    var key = function (row) { return searching && row.match ? row.match.rank * 1e6 + row.index : row.index; };
    var placed = {};  // each topic's rows in order; only a row out of place moves
    this.rows.slice().sort(function (a, b) { return key(a) - key(b); }).forEach(function (row) {
      var parent = row.tr.parentNode, i = placed[row.topic] || 0;
      if (parent.rows[i] !== row.tr) parent.insertBefore(row.tr, parent.rows[i] || null);
      placed[row.topic] = i + 1;
      if (!(row.topic in best) && (!searching || row.match)) best[row.topic] = key(row);
    });
    var box = this.box, place = {}, start = box.children.length - this.bodies.length;  // the topics end the box
    this.bodies.slice().sort(function (a, b) {
      var ka = best[attr(a, "topic")], kb = best[attr(b, "topic")];
      return (ka === undefined ? Infinity : ka) - (kb === undefined ? Infinity : kb);
    }).forEach(function (body, i) {
      var here = box.children[start + i];
      if (here !== body) box.insertBefore(body, here || null);
      place[attr(body, "topic")] = i;
    });
    visible.sort(function (a, b) { return place[a.topic] - place[b.topic] || key(a) - key(b); });  // as the page shows them
  };

  Matrix.prototype.renderColumns = function (state, shown) {
    var root = this.root, box = this.box, rows = this.rows;
    root.toggleAttribute("data-few", shown.length <= 3);  // values in full (CSS), not cut to three lines
    if (!state.fw) {
      root.removeAttribute("data-chosen");
      box.style.removeProperty("--n");
    } else {
      root.setAttribute("data-chosen", "");
      box.style.setProperty("--n", String(shown.length));
    }
    this.columns.forEach(function (id) {
      var hide = !!state.fw && shown.indexOf(id) === -1, heads = this.heads[id];
      if (heads[0].hidden === hide) return;
      heads.forEach(function (th) { th.hidden = hide; });
      rows.forEach(function (row) { if (row.cells[id]) row.cells[id].hidden = hide; });
    }, this);
  };

  // Must-haves, told as the cells support them: "first-party on all" (every one full), "on all, some partly or
  // through another project" (named, each linking to the answer on the framework's page), "lacks", "not known".
  // strict=1 counts only first-party, full answers as meeting a must-have.
  Matrix.prototype.renderMust = function (state, shown) {
    var self = this, rows = this.byId, levels = this.vocab.levels, summary = this.summary;
    (this.marked || []).concat(state.must).forEach(function (id) {
      rows[id].tr.classList.toggle("dlm-is-must", state.must.indexOf(id) !== -1);
    });
    this.marked = state.must.slice();
    var answer = summary.querySelector("[data-must-answer]"), partly = summary.querySelector("[data-must-partly]");
    var others = summary.querySelector("[data-must-others]"), actions = summary.querySelector("[data-must-actions]");
    others.textContent = partly.textContent = "";
    this.meeting = [];
    var firstParty = [], some = [];
    if (!state.must.length) {
      this.columns.forEach(function (id) { self.mark(id, "", null); });
      summary.setAttribute("data-meets", "");
      summary.setAttribute("data-meets-first-party", "");
      answer.textContent = "";
      others.hidden = partly.hidden = actions.hidden = true;
      this.sheetSay("No must-have ticked yet.");
      return;
    }
    var name = function (id) { return rows[id].name.textContent; };
    this.columns.forEach(function (id) {
      var lacks = [], unknown = [], routes = [];
      state.must.forEach(function (feature) {
        var td = rows[feature].cells[id], level = levels[attr(td, "level")];
        if (!level) return;  // a value answers the question
        if (level.meets === false) lacks.push(feature);
        else if (level.meets === null) unknown.push(feature);
        else if (!level.firstParty) routes.push([feature, level.route === "other-project" ? "via " + (attr(td, "via") || "a plugin") : "partly"]);
      });
      var strictLacks = state.strict ? routes.length : 0;
      var verdict = lacks.length || strictLacks ? "lacks" : unknown.length ? "unknown" : routes.length ? "partly" : "first-party";
      var plugins = routes.filter(function (r) { return r[1] !== "partly"; }).length, part = routes.length - plugins;
      var how = (part ? part + " partly" : "") + (part && plugins ? ", " : "") + (plugins ? plugins + " via plugin" : "");
      self.mark(id, verdict === "first-party" ? levels.full.icon + " all first-party" : verdict === "partly" ? levels.partial.icon + " all, " + how :
        verdict === "lacks" ? levels.none.icon + " lacks " + (lacks.length + strictLacks) + (strictLacks ? " first-party" : "") :
        levels.unknown.icon + " " + unknown.length + " unknown", verdict);
      if (verdict === "first-party") firstParty.push(id);
      if (verdict === "first-party" || verdict === "partly") self.meeting.push(id);
      if (verdict === "partly" && shown.indexOf(id) !== -1) some.push([id, routes]);
      if ((verdict === "lacks" || verdict === "unknown") && shown.indexOf(id) !== -1) {
        var missing = lacks.concat(state.strict ? routes.map(function (r) { return r[0]; }) : []);
        var line = self.names[id] + ": " + (missing.length ? "lacks " + and(missing.map(name)) + (strictLacks ? " first-party" : "") : "") +
          (missing.length && unknown.length ? "; " : "") + (unknown.length ? and(unknown.map(name)) + " not known yet" : "");
        others.appendChild(el("li", line));
      }
    });
    summary.setAttribute("data-meets", this.meeting.join(","));
    summary.setAttribute("data-meets-first-party", firstParty.join(","));
    var names = function (ids) { return and(ids.map(function (id) { return self.names[id]; })); };
    var inView = firstParty.filter(function (id) { return shown.indexOf(id) !== -1; });
    var outOfView = this.meeting.filter(function (id) { return shown.indexOf(id) === -1; });
    var what = state.must.length === 1 ? "the must-have (" + name(state.must[0]) + ")" :
      "all " + state.must.length + " must-haves (" + and(state.must.map(name)) + ")";
    var text = inView.length ? names(inView) + (inView.length === 1 ? " has " : " have ") + what + ", first-party." :
      "No framework shown has " + what + " first-party.";
    if (some.length) text += " Also, partly or through another project: " + names(some.map(function (s) { return s[0]; })) + ".";
    if (outOfView.length) text += " Also, not shown: " + names(outOfView) + ".";
    if (this.root.hasAttribute("data-more")) text += " Retired frameworks are not counted until shown.";
    answer.textContent = text;
    this.sheetSay(text);
    some.forEach(function (entry) {  // which must-have, and how: each links to the answer and its note
      var item = partly.appendChild(el("li", self.names[entry[0]] + ": ")), page = self.heads[entry[0]][0].querySelector("a");
      entry[1].forEach(function (route, i) {
        var link = item.appendChild(el("a", name(route[0]) + " " + route[1]));
        link.href = (page ? page.getAttribute("href") : "") + "#" + route[0];
        if (i < entry[1].length - 1) item.appendChild(document.createTextNode(", "));
      });
    });
    partly.hidden = !partly.firstChild;
    others.hidden = !others.firstChild;
    actions.hidden = false;
    actions.querySelector('[data-action="only-meeting"]').hidden = !this.meeting.length || this.meeting.join() === shown.join();
  };

  // The answer again at the foot of the must-have picker (a sheet on a phone), where the ticking happens.
  Matrix.prototype.sheetSay = function (text) {
    var foot = this.form.querySelector("[data-must-sheet-answer]");
    if (foot && foot.textContent !== text) foot.textContent = text;
  };

  // A column's verdict, in its header cells (shown by CSS from data-must-note).
  Matrix.prototype.mark = function (id, text, verdict) {
    var marks = this.marks || (this.marks = {});
    if (marks[id] === text) return;
    marks[id] = text;
    this.heads[id].forEach(function (th) {
      if (verdict) {
        th.setAttribute("data-must-state", verdict);
        th.setAttribute("data-must-note", text);
      } else {
        th.removeAttribute("data-must-state");
        th.removeAttribute("data-must-note");
      }
    });
  };

  // Matches painted with the CSS Custom Highlight API: no DOM change.
  var canHighlight = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";

  Matrix.prototype.highlight = function (query, visible, shown) {
    if (!canHighlight) return;
    var highlight = new Highlight();
    query = query.filter(function (word) { return word.length >= 2; });
    if (query.length) {
      visible.slice(0, 300).forEach(function (row) {
        var targets = [row.name];
        shown.forEach(function (id) { if (attr(row.cells[id], "level") === "value") targets.push(row.cells[id].firstChild); });
        targets.forEach(function (node) { paint(node, query, highlight); });
      });
    }
    CSS.highlights.set("dlm-search", highlight);
  };

  function paint(element, query, highlight) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode, text = node.nodeValue.toLowerCase();
      query.forEach(function (word) {
        for (var at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
          var range = new Range();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          highlight.add(range);
        }
      });
    }
  }

  Matrix.prototype.describe = function (link) {
    var pop = this.featurePop, id = attr(link.closest("tr"), "feature");
    var heading = this.entries && this.entries.content.getElementById(id);
    if (!pop || !pop.showPopover || !heading) return false;
    pop.textContent = "";
    pop.appendChild(el("b", link.textContent));
    var next = heading.nextElementSibling;
    if (next && next.tagName === "P") pop.appendChild(document.importNode(next, true));
    [["Every answer in full, on the topic page", link.href], ["Link to this row", "#" + id, "dlm-anchor"]].forEach(function (a) {
      pop.appendChild(el("a", a[0], a[2])).href = a[1];
    });
    var embed = this.root.querySelector("template[data-dlm-embed]");
    if (embed) {  // the row's badge: its Markdown and HTML, the template's placeholders filled in as text
      var box = pop.appendChild(el("details"));
      box.appendChild(el("summary", "Embed this row"));
      var content = document.importNode(embed.content, true);
      all(content, "code").forEach(function (code) {
        code.textContent = code.textContent.split("__feature__").join(id).split("__name__").join(link.textContent);
      });
      all(content, "[data-feature-badge]").forEach(function (node) { node.setAttribute("data-feature-badge", id); });
      box.appendChild(content);
    }
    if (pop.matches(":popover-open")) pop.hidePopover();
    pop.showPopover({ source: link });
    return true;
  };

  Matrix.prototype.note = function (link) {
    var url = link.href.split("#")[0], id = link.hash.slice(1), pages = this.pages || (this.pages = {});
    link.setAttribute("data-loaded", "");
    (pages[url] = pages[url] || fetchPage(url)).then(function (doc) {
      var note = doc.querySelector('tr[data-feature="' + id + '"] .dlm-note');
      if (!note) return;
      link.parentNode.insertBefore(document.importNode(note, true), link);
      link.textContent = "On the framework's page";
    }, function () {
      delete pages[url];
      link.removeAttribute("data-loaded");
    });
  };

  // Retired frameworks' columns: from their own page, on request.
  Matrix.prototype.loadMore = function () {
    var self = this, url = this.root.getAttribute("data-more");
    if (!url) return Promise.resolve();
    this.say("Loading the retired frameworks\u2026");
    this.loading = this.loading || fetchPage(url).then(function (doc) {
      var rows = {}, heads = all(doc, "table[data-matrix-table] thead th[data-framework]");
      all(doc, "table[data-matrix-table] tr[data-feature]").forEach(function (tr) { rows[attr(tr, "feature")] = tr; });
      self.tables.forEach(function (table) {
        var head = table.tHead.rows[0], topic = attr(table.closest("[data-topic]"), "topic");
        heads.filter(function (th) { return attr(th.closest("[data-topic]"), "topic") === topic; })
          .forEach(function (th) { head.appendChild(document.adoptNode(th)); });
      });
      self.trs.forEach(function (tr) {
        var from = rows[attr(tr, "feature")];
        while (from && from.cells.length > 1) tr.appendChild(document.adoptNode(from.cells[1]));
      });
      self.box.style.setProperty("--n-all", String(self.tables[0].tHead.rows[0].cells.length - 1));
      self.root.removeAttribute("data-more");
      self.readColumns();
      self.rows = null;
    }, function () {
      self.loading = null;
      self.say("The retired frameworks could not be loaded.");
    });
    return this.loading;
  };

  Matrix.prototype.copy = function () {
    this.flush();
    var self = this, url = location.href, done = function (how) { self.say(how + url); };
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done.bind(null, "Link copied: "), done.bind(null, "Copy this link: "));
    else done("Copy this link: ");
  };

  // The view as CSV (RFC 4180, UTF-8), from the page: no request.
  Matrix.prototype.csv = function () {
    var self = this, shown = this.shown(this.state), rows = this.visible || this.rowData();
    var lines = [["Feature"].concat(shown.map(function (id) { return self.names[id]; }))];
    rows.forEach(function (row) {
      lines.push([row.name.textContent].concat(shown.map(function (id) { return self.cellText(row.cells[id]); })));
    });
    var text = lines.map(function (line) { return line.map(csvField).join(","); }).join("\r\n") + "\r\n";
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.download = "deep-learning-framework-matrix.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  };

  // The form's must-have list, from the rows' boxes (the HTML has each name once): the editors' common ones first,
  // then the others by topic, each once. Each label keeps its words (name and aliases) for the filter field.
  Matrix.prototype.mustList = function () {
    var list = this.form.querySelector("[data-must-list]"), grid = this.box;
    if (!list || list.firstChild) return;
    var common = (attr(list, "common") || "").split(",").filter(Boolean);
    var group = function (name, boxes) {
      if (!boxes.length) return;
      var node = list.appendChild(el("div", "", "dlm-group"));
      node.appendChild(el("span", name, "dlm-group__name"));
      boxes.forEach(function (box) {
        var label = node.appendChild(el("label", " " + box.nextElementSibling.textContent, "dlm-check"));
        label.insertBefore(box.cloneNode(), label.firstChild).checked = box.checked;
        label.setAttribute("data-words", (label.textContent + " " + (attr(box.closest("tr"), "aliases") || "")).toLowerCase());
      });
    };
    group("Most asked for", common.map(function (id) {
      return grid.querySelector('th input[name="must"][value="' + id + '"]');
    }).filter(Boolean));
    this.bodies.forEach(function (topic) {
      group(topic.querySelector("caption").textContent, all(topic, 'th input[name="must"]').filter(function (box) {
        return common.indexOf(box.value) === -1;
      }));
    });
  };

  // The picker's filter: every word in a must-have's name or aliases.
  Matrix.prototype.filterMust = function (text) {
    var query = words(text);
    all(this.form, "[data-must-list] .dlm-group").forEach(function (group) {
      var shown = 0;
      all(group, "label").forEach(function (label) {
        var show = query.every(function (word) { return attr(label, "words").indexOf(word) !== -1; });
        if (label.hidden === show) label.hidden = !show;
        shown += show ? 1 : 0;
      });
      group.hidden = !shown;
    });
  };

  // A panel closes on Escape or its Close button, and gives the focus back to its summary.
  Matrix.prototype.closePanel = function (panel) {
    panel.open = false;
    panel.querySelector("summary").focus();
  };

  Matrix.prototype.destroy = function () {
    window.removeEventListener("popstate", this.onPop);
    window.removeEventListener("hashchange", this.onHash);
    PHONE.removeEventListener("change", this.onScreen);
    if (this.observer) this.observer.disconnect();
    clearTimeout(this.urlTimer);  // the page has changed: never write its address
  };

  /* ---------- Sortable tables (W3C APG pattern) ---------- */

  function sortable(table) {
    var headers = all(table, "thead th");
    headers.forEach(function (th, index) {
      var button = el("button", "", "dlm-sort");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[index];
          return cell.getAttribute("data-sort-value") || cell.textContent.trim().toLowerCase();
        };
        var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
        rows.sort(function (a, b) { return (ascending ? 1 : -1) * collator.compare(key(a), key(b)); });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* ---------- A code task page: two programs side by side, chosen in the URL (?a=jax&b=pytorch) ---------- */

  function codePair(form) {
    var root = form.closest("[data-snippets]"), list = root.querySelector(".dlm-snippet-list");
    var tabs = root.querySelector(".dlm-code-tabs"), blocks = all(list, "[data-snippet]");
    var links = tabs ? all(tabs, "a") : [], defaults = [form.elements.a.value, form.elements.b.value];
    var find = function (value) {  // a program's key, or a framework's first program
      var block = blocks.filter(function (b) { return b.id === value; })[0] ||
        blocks.filter(function (b) { return attr(b, "framework") === value; })[0];
      return block ? block.id : null;
    };
    var show = function (a, b) {
      form.elements.a.value = a;
      form.elements.b.value = b;
      var rank = function (id) { return id === a ? -2 : id === b ? -1 : blocks.map(function (x) { return x.id; }).indexOf(id); };
      // Only what is out of place moves: a moved block would lose the place the address (#program) scrolled to
      var arrange = function (parent, items, id) {
        items.slice().sort(function (x, y) { return rank(id(x)) - rank(id(y)); }).forEach(function (item, i) {
          if (parent.children[i] !== item) parent.insertBefore(item, parent.children[i]);
        });
      };
      arrange(list, blocks, function (block) { return block.id; });
      if (tabs) arrange(tabs, links, function (link) { return link.hash.slice(1); });
    };
    var params = new URLSearchParams(location.search);
    show(find(params.get("a")) || defaults[0], find(params.get("b")) || defaults[1]);
    // The program the address names is in sight in the phone's one-at-a-time strip, whenever the page scrolled to it
    var named = blocks.filter(function (block) { return "#" + block.id === location.hash; })[0];
    if (named) list.scrollLeft += named.getBoundingClientRect().left - list.getBoundingClientRect().left;
    form.hidden = false;
    form.addEventListener("change", function () {
      var a = form.elements.a.value, b = form.elements.b.value, query = new URLSearchParams(location.search);
      if (a === defaults[0] && b === defaults[1]) { query.delete("a"); query.delete("b"); }
      else { query.set("a", a); query.set("b", b); }
      show(a, b);
      list.scrollLeft = 0;
      history.replaceState(history.state, "", (query.toString() ? "?" + query : location.pathname) + location.hash);
    });
  }

  /* ---------- Material's instant navigation replaces pages without reloading ---------- */

  var current = [];
  function init() {
    current.forEach(function (matrix) { matrix.destroy(); });
    current = all(document, "[data-dlm-matrix]").filter(function (root) {
      return root.querySelector("[data-dlm-controls]");
    }).map(function (root) { return new Matrix(root); });
    all(document, "table[data-sortable]").forEach(sortable);
    all(document, "form[data-code-pair]").forEach(codePair);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
