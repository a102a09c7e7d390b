/* The install picker (/install/): the machine chosen in the form (URL parameters os, arch, accel, python) selects
   one row per framework from the tables the page already holds, shown as cards, frameworks that work first.
   Every verdict is in the page (dlmatrix/site/install_view.py decides them); the one test made here is the one
   install_view.verdict() makes: an install needs a wheel for the chosen Python (data-pythons). No HTML from strings.
   On a pair page, the two frameworks' install lines for the machine the URL names (os and accel, arch optional). */
(function () {
  "use strict";

  function init() {
    var lines = document.querySelector("[data-install-lines]");
    if (lines) pairLines(lines);
    var root = document.querySelector("[data-install]");
    if (root && !root.classList.contains("dlm-install--picked")) picker(root);
  }

  function picker(root) {
    var form = root.querySelector("[data-install-picker]");
    var status = root.querySelector("[data-install-status]");
    var summary = root.querySelector("[data-install-summary]");
    var platforms = JSON.parse(root.getAttribute("data-platforms"));
    var words = JSON.parse(root.getAttribute("data-words"));
    var defaults = JSON.parse(root.getAttribute("data-defaults"));
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-framework]"));
    var order = new Map(rows.map(function (row, index) { return [row, index]; }));
    var NAMES = ["os", "arch", "accel", "python"];
    // Frameworks that work first: installs and uses the accelerator, then installs, unknown, does not install.
    var RANK = {"yes yes": 0, "yes no": 1, "yes unknown": 1, "unknown unknown": 2, "no no": 3};

    function options(name) {
      return Array.prototype.map.call(form.elements[name].options, function (o) { return o.value; });
    }

    function fromUrl() {
      var params = new URLSearchParams(location.search), state = {};
      NAMES.forEach(function (name) {
        var value = params.get(name);
        state[name] = value !== null && options(name).indexOf(value) >= 0 ? value : defaults[name];
      });
      return state;
    }

    function fromForm() {
      var state = {};
      NAMES.forEach(function (name) { state[name] = form.elements[name].value; });
      return state;
    }

    function toUrl(state) {
      var params = new URLSearchParams(location.search);
      NAMES.forEach(function (name) { params.set(name, state[name]); });
      history.replaceState(history.state, "", location.pathname + "?" + params.toString() + location.hash);
    }

    function text(node, value) {
      if (node) node.textContent = value;
    }

    function show(state) {
      var accels = (platforms[state.os + "/" + state.arch] || "cpu").split(" ");
      if (accels.indexOf(state.accel) < 0) state.accel = "cpu";
      Array.prototype.forEach.call(form.elements.accel.options, function (o) {
        o.disabled = accels.indexOf(o.value) < 0;
      });
      NAMES.forEach(function (name) { form.elements[name].value = state[name]; });
      var picked = [], working = 0;
      rows.forEach(function (row) {
        var here = row.getAttribute("data-os") === state.os && row.getAttribute("data-arch") === state.arch &&
          row.getAttribute("data-accel") === state.accel;
        row.hidden = !here;
        if (!here) return;
        var pythons = row.getAttribute("data-pythons");
        var installs = row.getAttribute("data-installs-here"), accelerated = row.getAttribute("data-accelerated-here");
        var missing = installs === "yes" && pythons !== "" && pythons.split(" ").indexOf(state.python) < 0;
        if (missing) { installs = "no"; accelerated = "no"; }
        row.setAttribute("data-installs", installs);
        row.setAttribute("data-accelerated", accelerated);
        var badge = row.querySelector('[data-verdict="installs"]');
        if (!badge.hasAttribute("data-word")) badge.setAttribute("data-word", badge.textContent);
        text(badge, missing ? words.no : badge.getAttribute("data-word"));
        var gpu = row.querySelector('[data-verdict="accelerated"]');
        if (!gpu.hasAttribute("data-word")) gpu.setAttribute("data-word", gpu.textContent);
        text(gpu, missing && state.accel !== "cpu" ? words.no : gpu.getAttribute("data-word"));
        row.querySelector("[data-python-missing]").hidden = !missing;
        text(row.querySelector("[data-python-chosen]"), state.python);
        if (installs === "yes") working += 1;
        picked.push(row);
      });
      picked.sort(function (a, b) {
        var ra = RANK[a.getAttribute("data-installs") + " " + a.getAttribute("data-accelerated")];
        var rb = RANK[b.getAttribute("data-installs") + " " + b.getAttribute("data-accelerated")];
        return (ra === undefined ? 2 : ra) - (rb === undefined ? 2 : rb) || order.get(a) - order.get(b);
      });
      picked.forEach(function (row) { row.parentNode.appendChild(row); });
      Array.prototype.forEach.call(root.querySelectorAll("[data-install-os]"), function (section) {
        section.hidden = section.getAttribute("data-install-os") !== state.os;
      });
      var chosen = NAMES.map(function (name) {
        var select = form.elements[name];
        return select.options[select.selectedIndex].textContent;
      });
      text(summary, working + " of " + picked.length + " frameworks install on " + chosen[0] + ", " + chosen[1] +
        ", " + chosen[2] + ", Python " + state.python + ".");
      summary.hidden = false;
      toUrl(state);
    }

    form.hidden = false;
    root.classList.add("dlm-install--picked");
    form.addEventListener("change", function () { text(status, ""); show(fromForm()); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector('[data-action="copy-link"]').addEventListener("click", function () {
      var url = location.href, done = function (how) { text(status, how + url); };
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(done.bind(null, "Link copied: "), done.bind(null, "Copy this link: "));
      else done("Copy this link: ");
    });
    show(fromUrl());
  }

  function pairLines(section) {
    var params = new URLSearchParams(location.search), names = JSON.parse(section.getAttribute("data-names"));
    var os = params.get("os"), accel = params.get("accel");
    if (!os || !accel || !names.os[os] || !names.accel[accel]) return;
    var arch = params.get("arch");
    if (!names.arch[arch]) arch = os === "macos" ? "arm64" : "x86_64";
    var shown = 0;
    Array.prototype.forEach.call(section.querySelectorAll("[data-install-line]"), function (line) {
      var here = line.getAttribute("data-os") === os && line.getAttribute("data-arch") === arch &&
        line.getAttribute("data-accel") === accel;
      line.hidden = !here;
      if (here) shown += 1;
    });
    if (!shown) return;
    section.querySelector("[data-install-machine]").textContent = names.os[os] + ", " + names.arch[arch] + ", " +
      names.accel[accel];
    var more = section.querySelector("[data-install-more]");
    more.setAttribute("href", more.getAttribute("href") + "?os=" + os + "&arch=" + arch + "&accel=" + accel);
    section.hidden = false;
  }

  // Material's instant navigation replaces pages without reloading: run on each page it shows.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
