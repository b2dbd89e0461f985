(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var rows = data.rows, cols = data.columns, size = 100, page = 0, key = -1, dir = 1;
  var shown = rows;
  var q = document.getElementById("q"), sev = document.getElementById("sev");
  var code = document.getElementById("code"), body = document.getElementById("rows");
  var heads = document.querySelectorAll("#table th");
  function cmp(a, b) {
    var x = a[key], y = b[key];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  }
  function apply() {
    var text = q.value.toLowerCase(), s = sev.value, c = code.value;
    shown = rows.filter(function (r) {
      if (s && r[data.severity] !== s) return false;
      if (c && r[data.code] !== c) return false;
      if (!text) return true;
      return r.some(function (v) { return v !== null && String(v).toLowerCase().indexOf(text) >= 0; });
    });
    if (key >= 0) shown = shown.slice().sort(cmp);
    page = 0;
    draw();
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / size));
    if (page >= pages) page = pages - 1;
    var start = page * size, end = Math.min(shown.length, start + size);
    var frag = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      var tr = document.createElement("tr");
      for (var j = 0; j < cols.length; j++) {
        var td = document.createElement("td");
        var v = shown[i][j];
        td.textContent = v === null ? "" : String(v);
        if (j === data.severity) td.className = "sev-" + v;
        if (typeof v === "number") td.className = "n";
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    document.getElementById("page").textContent = data.page
      .replace("{from}", shown.length ? start + 1 : 0).replace("{to}", end).replace("{total}", shown.length);
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
  }
  heads.forEach(function (th, j) {
    th.addEventListener("click", function () {
      dir = key === j ? -dir : 1;
      key = j;
      heads.forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(dir > 0 ? "asc" : "desc");
      apply();
    });
  });
  q.addEventListener("input", apply);
  sev.addEventListener("change", apply);
  code.addEventListener("change", apply);
  document.getElementById("prev").addEventListener("click", function () { page--; draw(); });
  document.getElementById("next").addEventListener("click", function () { page++; draw(); });
  draw();
})();
