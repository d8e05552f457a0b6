// Inside the sandbox processor's frame (docs/hosted-fields.md). Listens only to the platform's page (its origin, given by
// the server, and the window that framed it); on "tokenize" sends the typed details to this origin's token endpoint and
// answers the page with the token alone, or the payer's words.
(function () {
  'use strict';
  var root = document.getElementById('sandbox-fields');
  var parentOrigin = root.getAttribute('data-parent-origin');
  var key = root.getAttribute('data-key');
  var method = root.getAttribute('data-method');
  var error = document.getElementById('error');

  function value(id) {
    var e = document.getElementById(id);
    return e ? e.value : '';
  }

  function reply(message) {
    window.parent.postMessage(message, parentOrigin);
  }

  document.getElementById('fields').addEventListener('submit', function (event) {
    event.preventDefault();
  });

  window.addEventListener('message', function (event) {
    if (event.origin !== parentOrigin || event.source !== window.parent) {
      return;
    }
    var data = event.data || {};
    if (data.type !== 'ratepayer-sandbox-tokenize') {
      return;
    }
    var body = method === 'ACH'
      ? { key: key, method: 'ACH', routingNumber: value('routingNumber'), bankAccountNumber: value('bankAccountNumber'), accountType: value('accountType') }
      : { key: key, method: 'CARD', cardNumber: value('cardNumber'), expMonth: value('expMonth'), expYear: value('expYear'), cvv: value('cvv'), postalCode: value('postalCode') };
    error.textContent = '';
    fetch('/sandbox-processor/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (result) {
        if (result.ok) {
          reply({ type: 'ratepayer-sandbox-token', id: data.id, token: result.json.token, brand: result.json.brand, last4: result.json.last4,
            expMonth: result.json.expMonth, expYear: result.json.expYear });
        } else {
          error.textContent = result.json.error || 'Check the details and try again.';
          reply({ type: 'ratepayer-sandbox-token', id: data.id, error: error.textContent });
        }
      })
      .catch(function () {
        reply({ type: 'ratepayer-sandbox-token', id: data.id, error: 'The payment processor could not be reached. Try again.' });
      });
  });
})();
