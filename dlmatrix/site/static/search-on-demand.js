/* Holds Material's search index request until the reader reaches for search (why: overrides/main.html). */
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  var wanted = false, held = [];
  function want() {
    if (!wanted) { wanted = true; held.splice(0).forEach(function (release) { release(); }); }
  }
  proto.open = function (method, url) {
    this.dlmIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var request = this, args = arguments;
    if (!request.dlmIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };
  if (/[?&]q=/.test(location.search)) want();
  addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) want();
  });
  addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest('label[for="__search"]')) want();
  }, true);
  addEventListener("keydown", function (event) {  // Material's search keys, which it ignores in form fields
    var field = event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!field && event.key.length === 1 && "/sfSF".indexOf(event.key) >= 0) want();
  }, true);
})();
