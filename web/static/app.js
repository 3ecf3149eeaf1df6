/* 政务公开保密审查: upload with progress, scan-status polling, keyboard review, decision form hints. No inline script. */
"use strict";

function $(sel, root) { return (root || document).querySelector(sel); }
function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

function sizeText(n) {
  if (n < 1024) return n + " 字节";
  if (n < 1048576) return Math.round(n / 1024) + " KB";
  return (n / 1048576).toFixed(1) + " MB";
}

/* ---------- form checks speak Chinese, whatever the browser's language ---------- */
function initValidity() {
  document.addEventListener("invalid", function (e) {
    var el = e.target, v = el.validity;
    if (!v || v.customError) return;
    var msg = el.getAttribute("data-required-msg");
    if (v.valueMissing) {
      msg = msg || (el.type === "radio" ? "请选择其中一项。" : el.type === "file" ? "请选择文件。" :
                    el.tagName === "SELECT" ? "请从列表中选择一项。" : "请填写此项。");
    } else if (v.tooShort) {
      msg = "至少需要 " + el.getAttribute("minlength") + " 个字符（现在 " + el.value.length + " 个）。";
    } else if (v.typeMismatch || v.patternMismatch || v.badInput) {
      msg = "格式不正确，请检查。";
    } else { return; }
    el.setCustomValidity(msg);
  }, true);
  function clear(e) {
    var el = e.target;
    if (!el.setCustomValidity || el.id === "reason") return;  // the keep reason has its own check
    if (el.type === "radio" && el.form) {
      $all("input[type=radio]", el.form).forEach(function (r) { if (r.name === el.name) r.setCustomValidity(""); });
    } else { el.setCustomValidity(""); }
  }
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);
}

/* ---------- upload: drag and drop, several files, progress bar ---------- */
function initUpload() {
  var form = $("#upload-form");
  if (!form) return;
  var input = $("#file", form), zone = $("#dropzone"), chosen = $("#chosen");
  var bar = $("#progress"), status = $("#upload-status"), results = $("#upload-results");
  var dropped = null;

  function show(files) {
    chosen.textContent = "";
    Array.prototype.forEach.call(files, function (f) {
      var li = document.createElement("li");
      li.textContent = f.name + "（" + sizeText(f.size) + "）";
      chosen.appendChild(li);
    });
  }
  input.addEventListener("change", function () { dropped = null; show(input.files); });
  ["dragenter", "dragover"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) { dropped = e.dataTransfer.files; show(dropped); });

  form.addEventListener("submit", function (e) {
    var files = dropped || input.files;
    if (!files || !files.length) { e.preventDefault(); status.textContent = "请先选择或拖入文件。"; return; }
    e.preventDefault();
    var data = new FormData(form);
    data.delete("file");
    Array.prototype.forEach.call(files, function (f) { data.append("file", f, f.name); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "fetch");
    xhr.setRequestHeader("Accept", "application/json");
    bar.hidden = false; bar.value = 0;
    status.textContent = "正在上传……";
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) { bar.value = Math.round(ev.loaded * 100 / ev.total); }
    });
    xhr.addEventListener("load", function () {
      bar.value = 100;
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      results.textContent = "";
      if (!body) { status.textContent = "上传失败（" + xhr.status + "）。请刷新页面后重试。"; return; }
      if (body.error) { status.textContent = body.error.message; return; }
      var allOk = true;
      body.results.forEach(function (r) {
        var li = document.createElement("li");
        li.className = r.ok ? "ok" : "error";
        li.textContent = r.message;
        if (r.document_id) {
          var view = document.createElement("a");
          view.href = "/documents/" + r.document_id; view.textContent = "查看";
          li.appendChild(document.createTextNode(" ")); li.appendChild(view);
        }
        results.appendChild(li);
        if (!r.ok) allOk = false;
      });
      if (allOk) { status.textContent = "上传完成，正在打开……"; window.location.assign(body.redirect); }
      else {
        status.textContent = "部分文件未能上传，见下方说明。";
        var a = document.createElement("a"); a.href = body.redirect; a.textContent = "前往审查队列";
        status.appendChild(document.createTextNode(" ")); status.appendChild(a);
      }
    });
    xhr.addEventListener("error", function () { status.textContent = "网络错误，上传未完成。请重试。"; });
    xhr.send(data);
  });
}

/* the queue swaps in a fresh table instead of reloading, so the upload's messages above it stay */
function refreshQueue(table) {
  fetch(window.location.href, { credentials: "same-origin" })
    .then(function (r) { return r.text(); })
    .then(function (html) {
      var fresh = $("table.queue", new DOMParser().parseFromString(html, "text/html"));
      if (!fresh) { window.location.reload(); return; }
      table.replaceWith(fresh);
      initPolling();
    })
    .catch(function () { window.location.reload(); });
}

/* ---------- poll a status URL while `busy(status)` holds, then call `done` ---------- */
function pollWhile(url, busy, done, every, first) {
  function tick() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) { if (busy(s)) { setTimeout(tick, every); } else { done(s); } })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, first);
}

/* ---------- scan status: poll until the scan is done, then reload ---------- */
function initPolling() {
  var el = $("[data-poll-url]");
  if (!el) return;
  pollWhile(el.getAttribute("data-poll-url"),
    function (s) { return s.scan_status === "queued" || s.scan_status === "scanning"; },
    function () {
      if (el.closest("table.queue")) { refreshQueue(el.closest("table.queue")); }
      else { window.location.reload(); }
    }, 1500, 1000);
}

/* ---------- release copy: poll while it is being built, then reload to offer the download ---------- */
function initReleasePolling() {
  var el = $("[data-release-poll-url]");
  if (!el) return;
  pollWhile(el.getAttribute("data-release-poll-url"),
    function (s) { return s.release_status === "queued" || s.release_status === "building"; },
    function () { window.location.reload(); }, 3000, 2000);
}

/* ---------- review page: j/k between findings, x to select, bulk helpers ---------- */
function initReview() {
  var form = $("#resolve-form");
  if (!form) return;
  var cards = $all(".finding", form), index = -1;
  var counter = $("#selected-count");
  function updateCount() {
    if (counter) counter.textContent = "已选 " + $all("input[name=finding]:checked", form).length + " 条";
  }
  function go(i) {
    if (!cards.length) return;
    index = Math.max(0, Math.min(cards.length - 1, i));
    cards.forEach(function (c) { c.classList.remove("current"); });
    var card = cards[index];
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (t === "INPUT" && e.target.type !== "checkbox" || t === "TEXTAREA" || t === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { go(index + 1); e.preventDefault(); }
    else if (e.key === "k") { go(index - 1); e.preventDefault(); }
    else if (e.key === "x" && index >= 0) {
      var box = $("input[name=finding]", cards[index]);
      if (box) { box.checked = !box.checked; updateCount(); }
      e.preventDefault();
    }
  });
  cards.forEach(function (c, i) { c.addEventListener("click", function () { index = i; }); });
  form.addEventListener("change", updateCount);
  var openBtn = $("#select-open");
  if (openBtn) openBtn.addEventListener("click", function () {
    $all(".finding.res-open input[name=finding]", form).forEach(function (b) { b.checked = true; });
    updateCount();
  });
  var reason = $("#reason");
  form.addEventListener("submit", function (e) {
    var btn = e.submitter;
    if (!btn) return;
    var keep = btn.value === "keep" || (btn.name === "quick" && btn.value.indexOf("keep:") === 0);
    if (keep && reason && !reason.value.trim()) {
      e.preventDefault();
      reason.focus();
      reason.setCustomValidity("选择“保留”时必须填写理由，例如“公职人员履职信息”。");
      reason.reportValidity();
    }
  });
  if (reason) reason.addEventListener("input", function () { reason.setCustomValidity(""); });
  if (window.location.hash.indexOf("#f-") === 0) {
    var target = $(window.location.hash);
    if (target) index = cards.indexOf(target);
  }
}

/* ---------- decision form: the legal basis is needed unless 主动公开 ---------- */
function initDecision() {
  var form = $(".decision-form");
  if (!form) return;
  var basis = $("#basis", form);
  function sync() {
    var chosen = $("input[name=disclosure]:checked", form);
    var open = chosen && chosen.value === "主动公开";
    basis.disabled = !!open;
    basis.required = !!chosen && !open;
  }
  $all("input[name=disclosure]", form).forEach(function (r) { r.addEventListener("change", sync); });
  sync();
}

document.addEventListener("DOMContentLoaded", function () {
  initValidity(); initUpload(); initPolling(); initReleasePolling(); initReview(); initDecision();
});
