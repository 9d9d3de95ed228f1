(function () {
  "use strict";
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var dataNode = document.getElementById("page-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : {};
  var facts = data.facts || {};
  var rules = data.rules || {};

  function q(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function attr(name, value) { return "[" + name + "=\"" + CSS.escape(value) + "\"]"; }

  function flash(els) {
    els.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth;  // restart the animation
      el.classList.add("flash");
    });
  }

  // Clicking a fact or a check walks through its mentions, one per click.
  var cursor = {};
  function go(fid, button) {
    var els = q("mark" + attr("data-fact", fid));
    if (!els.length) { return; }
    var mids = [];
    els.forEach(function (el) { if (mids.indexOf(el.dataset.mid) < 0) { mids.push(el.dataset.mid); } });
    var i = (cursor[fid] || 0) % mids.length;
    cursor[fid] = i + 1;
    var target = els.filter(function (el) { return el.dataset.mid === mids[i]; });
    document.body.classList.remove("hide-" + els[0].className.match(/k-(\w+)/)[1]);
    var toggle = document.querySelector("input" + attr("data-toggle", els[0].className.match(/k-(\w+)/)[1]));
    if (toggle) { toggle.checked = true; }
    target[0].scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "center" });
    q("mark.current").forEach(function (el) { el.classList.remove("current"); });
    target.forEach(function (el) { el.classList.add("current"); });
    flash(target);
    q(".active").forEach(function (el) { el.classList.remove("active"); });
    if (button) {
      button.classList.add("active");
      var pos = button.querySelector(".pos");
      if (pos && mids.length > 1) { pos.textContent = " " + (i + 1) + "/" + mids.length; }
    }
  }
  q("[data-go]").forEach(function (b) {
    b.addEventListener("click", function () { go(b.dataset.go, b); });
  });
  // Copy a check's message, to paste into notes or a query to the newsroom.
  q("[data-copy]").forEach(function (b) {
    b.addEventListener("click", function () {
      var text = b.dataset.copy;
      function done() { b.textContent = "copied"; setTimeout(function () { b.textContent = "copy"; }, 1500); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(); });
      } else { fallback(); }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } catch (e) { /* nothing to do: the text stays selectable */ }
        document.body.removeChild(area);
      }
    });
  });

  // Hover card: what was extracted, for the mention under the pointer and every mention around it.
  var tip = document.getElementById("tip");
  var text = document.getElementById("text");
  function card(marks) {
    tip.textContent = "";
    marks.forEach(function (m) {
      var f = facts[m.dataset.fact];
      if (!f) { return; }
      var box = document.createElement("div");
      box.className = "tip-fact k-" + f.kind;
      var head = document.createElement("div");
      head.className = "tip-head";
      var kind = document.createElement("span");
      kind.className = "tip-kind";
      kind.textContent = f.kindLabel;
      var label = document.createElement("strong");
      label.textContent = f.label;
      head.appendChild(kind);
      head.appendChild(label);
      box.appendChild(head);
      var dl = document.createElement("dl");
      f.details.forEach(function (row) {
        var dt = document.createElement("dt");
        dt.textContent = row[0];
        var dd = document.createElement("dd");
        dd.textContent = row[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      var dt = document.createElement("dt");
      dt.textContent = "Pattern";
      var dd = document.createElement("dd");
      dd.className = "rule";
      dd.textContent = rules[m.dataset.mid] || "";
      dl.appendChild(dt);
      dl.appendChild(dd);
      box.appendChild(dl);
      tip.appendChild(box);
    });
  }
  function place(ev) {
    var pad = 14, w = tip.offsetWidth, h = tip.offsetHeight;
    var x = Math.min(ev.clientX + pad, window.innerWidth - w - 8);
    var y = ev.clientY + pad;
    if (y + h > window.innerHeight - 8) { y = Math.max(8, ev.clientY - h - pad); }
    tip.style.left = Math.max(8, x) + "px";
    tip.style.top = y + "px";
  }
  if (text && tip) {
    text.addEventListener("mouseover", function (ev) {
      var m = ev.target.closest ? ev.target.closest("mark") : null;
      if (!m) { tip.hidden = true; return; }
      var chain = [];
      for (var el = m; el && el !== text; el = el.parentElement) {
        if (el.tagName === "MARK" && !document.body.classList.contains("hide-" + el.className.match(/k-(\w+)/)[1])) {
          chain.push(el);
        }
      }
      if (!chain.length) { tip.hidden = true; return; }
      card(chain);
      tip.hidden = false;
      place(ev);
    });
    text.addEventListener("mousemove", function (ev) { if (!tip.hidden) { place(ev); } });
    text.addEventListener("mouseleave", function () { tip.hidden = true; });
  }

  // Legend: show or hide the highlights of one kind.
  q("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });

  // Panel filter.
  var filter = document.querySelector(".filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var needle = filter.value.toLowerCase();
      q(".panel li").forEach(function (li) {
        li.hidden = needle && li.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  }

  // Sortable tables: click a header to sort, again to reverse.
  q("table.sortable").forEach(function (table) {
    var heads = q("th[data-sort]", table);
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
          return th.dataset.sort === "num" ? Number(v) : v.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sort(); } });
    });
  });
})();
