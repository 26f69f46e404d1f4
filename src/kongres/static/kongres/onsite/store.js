/* Check-in storage on the device (IndexedDB): the downloaded list and every scan made here.
   Scans stay until the server has answered them, so nothing is lost when the network is off. */
(function () {
  "use strict";

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function open(name) {
    var req = indexedDB.open(name, 1);
    req.onupgradeneeded = function () {
      var db = req.result;
      if (!db.objectStoreNames.contains("meta")) { db.createObjectStore("meta"); }
      if (!db.objectStoreNames.contains("scans")) {
        var scans = db.createObjectStore("scans", { keyPath: "id" });
        scans.createIndex("pending", "pending");
      }
    };
    return request(req).then(function (db) { return new Store(db); });
  }

  function Store(db) { this.db = db; }

  Store.prototype.tx = function (names, mode) {
    return this.db.transaction(names, mode);
  };

  Store.prototype.get = function (key) {
    return request(this.tx(["meta"], "readonly").objectStore("meta").get(key));
  };

  Store.prototype.put = function (key, value) {
    return request(this.tx(["meta"], "readwrite").objectStore("meta").put(value, key));
  };

  Store.prototype.addScan = function (scan) {
    return request(this.tx(["scans"], "readwrite").objectStore("scans").put(scan));
  };

  Store.prototype.allScans = function () {
    return request(this.tx(["scans"], "readonly").objectStore("scans").getAll());
  };

  Store.prototype.pendingScans = function () {
    var index = this.tx(["scans"], "readonly").objectStore("scans").index("pending");
    return request(index.getAll(1));
  };

  /* Store the server's answers: each scan is no longer pending and keeps its result. */
  Store.prototype.settle = function (results) {
    var tx = this.tx(["scans"], "readwrite");
    var store = tx.objectStore("scans");
    results.forEach(function (result) {
      var get = store.get(result.id);
      get.onsuccess = function () {
        var scan = get.result;
        if (!scan) { return; }
        scan.pending = 0;
        scan.server = result;
        store.put(scan);
      };
    });
    return new Promise(function (resolve, reject) {
      tx.oncomplete = function () { resolve(); };
      tx.onerror = function () { reject(tx.error); };
    });
  };

  window.KongresCheckinStore = { open: open };
})();
