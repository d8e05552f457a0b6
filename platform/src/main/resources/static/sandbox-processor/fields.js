// The sandbox processor's script, loaded by a payment page from the processor's origin like Stripe.js
// (docs/hosted-fields.md). It frames the fields page and asks it for a token by postMessage, to that origin only, and
// takes answers only from that frame.
(function () {
  'use strict';
  var origin = new URL(document.currentScript.src).origin;
  var pending = {};
  var next = 1;

  window.addEventListener('message', function (event) {
    var data = event.data || {};
    var waiting = pending[data.id];
    if (event.origin !== origin || data.type !== 'ratepayer-sandbox-token' || !waiting || event.source !== waiting.frame.contentWindow) {
      return;
    }
    delete pending[data.id];
    waiting.resolve(data);
  });

  window.SandboxFields = {
    // options: fieldsUrl, publishableKey, method ("CARD" or "ACH")
    mount: function (container, options) {
      container.textContent = '';
      var frame = document.createElement('iframe');
      frame.id = 'sandbox-fields-frame';
      frame.className = 'hosted-frame' + (options.method === 'ACH' ? ' hosted-frame-ach' : '');
      frame.title = options.method === 'ACH' ? 'Bank account details (secure fields of the payment processor)'
        : 'Card details (secure fields of the payment processor)';
      var loaded = new Promise(function (resolve) { frame.addEventListener('load', function () { resolve(); }); });
      frame.src = options.fieldsUrl + '?key=' + encodeURIComponent(options.publishableKey) + '&method=' + encodeURIComponent(options.method);
      container.appendChild(frame);
      return {
        ready: loaded,
        tokenize: function () {
          return loaded.then(function () {
            return new Promise(function (resolve) {
              var id = next++;
              pending[id] = { resolve: resolve, frame: frame };
              frame.contentWindow.postMessage({ type: 'ratepayer-sandbox-tokenize', id: id }, origin);
            });
          });
        }
      };
    }
  };
})();
