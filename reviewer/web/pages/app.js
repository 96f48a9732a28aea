(function () {
  "use strict";
  // Without this script every page works by plain form posts; with it, an upload shows its
  // progress, an edit is saved as it is typed, and a page waits for its drafts.
  var STATES = { pending: "待审", edited: "已修改", accepted: "已采纳", rejected: "已驳回" };

  function post(url, body) {
    return fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) { throw new Error(answer.error || String(response.status)); }
          return answer;
        });
      });
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString("zh-CN", { hour12: false });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1) + " MB";
  }

  function upload(form) {
    var input = document.getElementById("files");
    var drop = document.getElementById("drop");
    var chosen = document.getElementById("chosen");
    var bar = document.getElementById("progress");
    var phase = document.getElementById("phase");
    var problem = document.getElementById("upload-error");
    var limit = Number(form.dataset.limit);
    var most = Number(form.dataset.files);

    function list() {
      chosen.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + "（" + megabytes(file.size) + "）";
        chosen.appendChild(item);
      });
    }
    function fail(reason) {
      bar.hidden = true;
      phase.textContent = "";
      problem.textContent = reason;
      problem.hidden = false;
    }
    input.addEventListener("change", list);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      input.files = event.dataTransfer.files;
      list();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var total = Array.prototype.reduce.call(input.files, function (sum, file) { return sum + file.size; }, 0);
      if (!input.files.length) { fail("请先选择文件"); return; }
      if (total > limit) { fail("文件共 " + megabytes(total) + "，超过 " + megabytes(limit) + " 上限"); return; }
      if (input.files.length > most) { fail("一次最多上传 " + most + " 个文件"); return; }
      problem.hidden = true;
      var request = new XMLHttpRequest();
      request.open("POST", form.getAttribute("action"));
      request.setRequestHeader("Accept", "application/json");
      bar.hidden = false;
      bar.value = 0;
      phase.textContent = "上传中…";
      request.upload.onprogress = function (progress) {
        if (progress.lengthComputable) { bar.value = 100 * progress.loaded / progress.total; }
      };
      request.upload.onload = function () {
        bar.removeAttribute("value");  // indeterminate while the server reads and checks
        phase.textContent = "正在读取和检查…";
      };
      request.onload = function () {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = {}; }
        if (request.status === 201 && answer.url) {
          phase.textContent = "完成，正在打开审核批次…";
          window.location.assign(answer.url);
        } else {
          fail(answer.error || "上传失败（" + request.status + "）");
        }
      };
      request.onerror = function () { fail("上传失败：连接中断"); };
      request.send(new FormData(form));
    });
  }

  function editBox(box) {
    var text = box.querySelector("textarea");
    var saved = box.querySelector(".saved");
    var state = box.querySelector(".state");
    var timer = null;

    function show(answer, replace) {
      box.className = "item state-" + answer.state;
      state.textContent = answer.state === "accepted" && answer.text !== answer.draft.text ? "已修改并采纳" : STATES[answer.state];
      if (replace) { text.value = answer.text; }
      saved.className = "saved";
      saved.textContent = clock(answer.updated) + " 已保存";
    }
    function send(action, url) {
      var body = new URLSearchParams(new FormData(box));
      body.set("action", action);
      saved.className = "saved";
      saved.textContent = action === "redraft" ? "正在重新起草…" : "保存中…";
      // Not box.action: the buttons named "action" shadow the form's property of that name.
      return post(url || box.getAttribute("action"), body)
        .then(function (answer) { show(answer, action === "redraft"); })
        .catch(function (failure) {
          saved.className = "saved failed";
          saved.textContent = "未保存：" + failure.message;
        });
    }
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { send("edit"); }, 600);
    });
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      var button = event.submitter;
      if (button && button.classList.contains("redraft")) {
        button.disabled = true;
        send("redraft", button.formAction).then(function () { button.disabled = false; });
      } else {
        send(button ? button.value : "edit");
      }
    });
  }

  function waitForDrafts(line) {
    var detail = line.querySelector(".detail");
    window.setInterval(function () {
      fetch(line.dataset.poll, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.status !== "drafting") { window.location.reload(); }
          if (answer.detail) { detail.textContent = "（" + answer.detail + "）"; }
        });
    }, 2000);
  }

  var form = document.getElementById("upload");
  if (form) { upload(form); }
  document.querySelectorAll("form.item").forEach(editBox);
  var line = document.querySelector("[data-poll]");
  if (line) { waitForDrafts(line); }
}());
