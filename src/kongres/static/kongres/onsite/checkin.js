/* The check-in page: scans QR codes with the camera (jsQR) or finds people by name, decides at
   once from the list kept on the device, keeps every scan in IndexedDB and sends it to the
   server: at once when online, in batches when the network returns. The server decides in the
   end (first scan wins); its answer replaces the device's. */
/* global jsQR, KongresCheckinStore */
(function () {
  "use strict";

  var strings = JSON.parse(document.getElementById("checkin-strings").textContent);
  var urls = JSON.parse(document.getElementById("checkin-urls").textContent);
  var edition = document.body.dataset.edition;
  var BATCH = 500;
  var SYNC_EVERY_MS = 20000;

  var store = null;
  var list = null;
  var byDigest = {};
  var byRef = {};
  var points = {};
  var acceptedHere = {};
  var syncing = null;
  var $ = function (id) { return document.getElementById(id); };

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function deviceKey() {
    var key = localStorage.getItem("kongres-checkin-device");
    if (!key || key.length !== 36) {
      key = crypto.randomUUID ? crypto.randomUUID() : newId().replace(
        /^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
      localStorage.setItem("kongres-checkin-device", key);
    }
    return key;
  }

  /* The same digest as the server's (onsite/codes.py): SHA-256 of the token's first part. */
  function digest(code) {
    var payload = code.trim().split(":")[0];
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(payload)).then(function (buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("").slice(0, 32);
    });
  }

  var localDate = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Warsaw", year: "numeric", month: "2-digit", day: "2-digit"
  });

  function indexList(body) {
    list = body;
    byDigest = {};
    byRef = {};
    points = {};
    body.people.forEach(function (person) {
      byDigest[person.d] = person;
      byRef[person.ref] = person;
      person.in.forEach(function (pointId) { acceptedHere[pointId + "|" + person.ref] = true; });
    });
    body.points.forEach(function (point) { points[point.id] = point; });
    showStatus();
  }

  function currentPoint() {
    return points[$("point").value] || null;
  }

  /* What the device answers before the server does. */
  function decide(person, point, at) {
    if (!person) { return { colour: "red", reason: "unknown_ticket" }; }
    if (person.state === "cancelled") { return { colour: "red", reason: "cancelled" }; }
    if (person.state !== "confirmed") { return { colour: "red", reason: "not_confirmed" }; }
    if (point.days.length && point.days.indexOf(localDate.format(new Date(at))) === -1) {
      return { colour: "red", reason: "wrong_day" };
    }
    if (point.kind !== "hall" && person.sessions.indexOf(point.session) === -1) {
      return { colour: "red", reason: "not_signed_up" };
    }
    if (acceptedHere[point.id + "|" + person.ref]) {
      return { colour: "amber", reason: "already_in" };
    }
    return { colour: "green", reason: "" };
  }

  function show(answer, person, note) {
    var section = $("result");
    section.dataset.colour = answer.colour;
    $("result-message").textContent = answer.message ||
      strings.reasons[answer.reason || "ok"] || answer.reason;
    var who = "";
    if (person) {
      who = [person.name || (person.first + " " + person.last), person.organisation || person.org,
        person.category || person.cat].filter(Boolean).join(" · ");
    }
    $("result-person").textContent = who;
    $("result-note").textContent = note || "";
  }

  function record(person, fields) {
    var point = currentPoint();
    if (!point) {
      show({ colour: "red", message: strings.choose_point });
      return Promise.resolve(null);
    }
    var at = Date.now();
    var local = decide(person, point, at);
    var scan = {
      id: newId(), point: point.id, at: at, code: fields.code || "", ref: fields.ref || "",
      who: person ? person.ref : "", pending: 1, local: local
    };
    if (local.colour === "green") { acceptedHere[point.id + "|" + person.ref] = true; }
    var staffNote = person && person.note ? strings.note + " " + person.note : "";
    return store.addScan(scan).then(function () {
      show(local, person, staffNote || (navigator.onLine ? "" : strings.offline_note));
      showStatus();
      if (navigator.onLine) { return sendOnline(scan, person, staffNote).then(function () { return scan; }); }
      return scan;
    });
  }

  /* The same path for the camera, a typed code and the tests: a QR payload in. */
  function handleCode(code) {
    code = String(code || "").trim();
    if (!code) { return Promise.resolve(null); }
    return ready.then(function () { return digest(code); }).then(function (d) {
      return record(byDigest[d] || null, { code: code });
    });
  }

  function handleRef(ref) {
    return ready.then(function () { return record(byRef[ref] || null, { ref: ref }); });
  }

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : (list && list.csrf) || "";
  }

  function post(url, scans) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({
        device: deviceKey(),
        now: Date.now(),
        scans: scans.map(function (scan) {
          var item = { id: scan.id, point: scan.point, at: scan.at };
          if (scan.code) { item.code = scan.code; } else { item.ref = scan.ref; }
          return item;
        })
      })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { throw new Error(body.error || String(response.status)); }
        return body;
      });
    });
  }

  function afterAnswer(body) {
    var warning = $("clock-warning");
    warning.hidden = !body.warning;
    warning.textContent = body.warning || "";
    return store.settle(body.results);
  }

  function sendOnline(scan, person, staffNote) {
    return post(urls.scan, [scan]).then(function (body) {
      return afterAnswer(body).then(function () {
        var answer = body.results[0];
        if (answer) {
          if (answer.colour === "green" && person) { acceptedHere[scan.point + "|" + person.ref] = true; }
          show(answer, answer.person || person, staffNote);
        }
        showStatus();
      });
    }).catch(function () { showStatus(); });
  }

  function sync() {
    if (syncing) { return syncing; }
    syncing = store.pendingScans().then(function (pending) {
      var chain = Promise.resolve();
      for (var start = 0; start < pending.length; start += BATCH) {
        (function (chunk) {
          chain = chain.then(function () { return post(urls.sync, chunk).then(afterAnswer); });
        })(pending.slice(start, start + BATCH));
      }
      return chain.then(function () {
        $("sync-state").textContent = format(strings.synced, {
          time: new Date().toLocaleTimeString(document.documentElement.lang || undefined)
        });
      });
    }).catch(function () {
      $("sync-state").textContent = strings.sync_failed;
    }).then(function () {
      syncing = null;
      return showStatus();
    });
    return syncing;
  }

  function loadList() {
    return fetch(urls.list, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok || response.redirected) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (body) {
      body.downloaded_at = Date.now();
      return store.put("list", body).then(function () { indexList(body); });
    });
  }

  function showStatus() {
    $("net-state").textContent = navigator.onLine ? strings.online : strings.offline;
    $("net-state").dataset.online = navigator.onLine ? "1" : "0";
    $("list-state").textContent = list ? format(strings.list, {
      n: list.people.length, time: new Date(list.downloaded_at).toLocaleTimeString(document.documentElement.lang || undefined)
    }) : strings.no_list;
    if (!store) { return Promise.resolve(); }
    return store.pendingScans().then(function (pending) {
      $("pending-count").textContent = format(strings.pending, { n: pending.length });
      $("pending-count").dataset.count = String(pending.length);
    });
  }

  /* Search by name, on the device's list (works offline). */
  function fold(text) {
    return String(text || "").toLowerCase().replace(/ł/g, "l")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function search() {
    var query = fold($("search").value).trim();
    var results = $("search-results");
    results.textContent = "";
    if (!list || query.length < 2) { return; }
    var words = query.split(/\s+/);
    var found = list.people.filter(function (person) {
      var name = fold(person.first + " " + person.last + " " + person.org);
      return words.every(function (word) { return name.indexOf(word) !== -1; });
    }).slice(0, 20);
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = strings.nobody;
      results.appendChild(none);
      return;
    }
    found.forEach(function (person) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ci-button ci-secondary";
      button.textContent = strings.check_in;
      button.setAttribute("aria-label", strings.check_in + ": " + person.first + " " + person.last);
      button.addEventListener("click", function () { handleRef(person.ref); });
      var text = document.createElement("span");
      text.textContent = person.last + " " + person.first +
        (person.org ? " · " + person.org : "") + " · " + person.cat;
      item.appendChild(button);
      item.appendChild(text);
      results.appendChild(item);
    });
  }

  /* The camera: frames decoded by jsQR, each code passed to handleCode. */
  var camera = { stream: null, last: "", lastAt: 0 };

  function startCamera() {
    var video = $("camera");
    var error = $("camera-error");
    error.hidden = true;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      error.textContent = format(strings.camera_error, { error: "getUserMedia" });
      error.hidden = false;
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        camera.stream = stream;
        video.srcObject = stream;
        video.hidden = false;
        $("camera-toggle").textContent = strings.camera_stop;
        $("camera-toggle").setAttribute("aria-pressed", "true");
        return video.play().then(tick);
      }).catch(function (err) {
        error.textContent = format(strings.camera_error, { error: err.name || err });
        error.hidden = false;
      });
  }

  function stopCamera() {
    if (camera.stream) { camera.stream.getTracks().forEach(function (t) { t.stop(); }); }
    camera.stream = null;
    $("camera").hidden = true;
    $("camera-toggle").textContent = strings.camera_start;
    $("camera-toggle").setAttribute("aria-pressed", "false");
  }

  function tick() {
    if (!camera.stream) { return; }
    var video = $("camera");
    if (video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth) {
      var canvas = $("camera-frame");
      var scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var frame = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      if (found && found.data && (found.data !== camera.last || now - camera.lastAt > 3000)) {
        camera.last = found.data;
        camera.lastAt = now;
        handleCode(found.data);
      }
    }
    setTimeout(tick, 150);
  }

  var ready = KongresCheckinStore.open("kongres-checkin-" + edition).then(function (opened) {
    store = opened;
    return store.get("list");
  }).then(function (saved) {
    if (saved) { indexList(saved); }
    return store.allScans();
  }).then(function (scans) {
    scans.forEach(function (scan) {
      var result = scan.server || scan.local;
      if (result && result.colour === "green" && scan.who) {
        acceptedHere[scan.point + "|" + scan.who] = true;
      }
    });
    var point = localStorage.getItem("kongres-checkin-point-" + edition);
    if (point && $("point").querySelector('option[value="' + CSS.escape(point) + '"]')) {
      $("point").value = point;
    }
    if (navigator.onLine) { return loadList().catch(function () { return null; }); }
    return null;
  }).then(function () {
    showStatus();
    if (navigator.onLine) { sync(); }
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(urls.sw, { scope: urls.page }).catch(function () {});
  }
  $("point").addEventListener("change", function () {
    localStorage.setItem("kongres-checkin-point-" + edition, $("point").value);
  });
  $("search").addEventListener("input", search);
  $("camera-toggle").addEventListener("click", function () {
    if (camera.stream) { stopCamera(); } else { startCamera(); }
  });
  $("sync-now").addEventListener("click", function () { sync(); });
  $("reload-list").addEventListener("click", function () { loadList().catch(showStatus); });
  window.addEventListener("online", function () { showStatus(); sync(); });
  window.addEventListener("offline", showStatus);
  setInterval(function () { if (navigator.onLine) { sync(); } }, SYNC_EVERY_MS);

  window.kongresCheckin = {
    ready: ready, handleCode: handleCode, handleRef: handleRef, sync: sync,
    pendingCount: function () { return store.pendingScans().then(function (p) { return p.length; }); }
  };
})();
