// Hosted card and bank fields (docs/hosted-fields.md). The method-fields fragment renders
// <div id="hosted-fields" data-processor data-config data-script> in the payment form; this script loads the processor's
// script (data-script, from the processor's own origin), mounts the driver registered for the processor, and on submit
// asks it for a token, which alone goes to Ratepayer, in the hidden input methodToken. A driver is
// { mount(container, config, method) -> Promise, tokenize(method) -> Promise of {token} or {error} }, method "CARD" or "ACH".
(function () {
  'use strict';
  var api = window.RatepayerHostedFields = window.RatepayerHostedFields || { drivers: {} };

  // The sandbox processor: its fields.js frames its fields page (a separate origin) and answers with a token.
  api.drivers.sandbox = {
    mount: function (container, config, method) {
      this.fields = window.SandboxFields.mount(container, { fieldsUrl: config.fieldsUrl, publishableKey: config.publishableKey, method: method });
      return this.fields.ready;
    },
    tokenize: function () {
      return this.fields.tokenize().then(function (answer) {
        return answer.error ? { error: answer.error } : { token: answer.token, expMonth: answer.expMonth, expYear: answer.expYear };
      });
    }
  };

  // Stripe: the Card Element (Stripe's iframe) and a PaymentMethod made by Stripe.js; cards only (docs/hosted-fields.md).
  api.drivers.stripe = {
    mount: function (container, config) {
      if (!this.stripe) {
        this.stripe = window.Stripe(config.publishableKey);
      }
      container.textContent = '';
      var element = document.createElement('div');
      element.id = 'stripe-card';
      element.className = 'stripe-card';
      container.appendChild(element);
      this.card = this.stripe.elements().create('card');
      this.card.mount(element);
      return Promise.resolve();
    },
    tokenize: function () {
      return this.stripe.createPaymentMethod({ type: 'card', card: this.card }).then(function (result) {
        if (result.error) {
          return { error: result.error.message };
        }
        var card = result.paymentMethod.card || {};
        return { token: result.paymentMethod.id, expMonth: card.exp_month, expYear: card.exp_year };
      });
    }
  };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error('not loaded')); };
      document.head.appendChild(script);
    });
  }

  function start() {
    var container = document.getElementById('hosted-fields');
    if (!container) {
      return;
    }
    var form = container.closest('form');
    var processor = container.getAttribute('data-processor');
    var config = JSON.parse(container.getAttribute('data-config') || '{}');
    var driver = api.drivers[processor];
    var token = form.querySelector('input[name="methodToken"]');
    var problem = document.getElementById('hosted-fields-error');
    var loaded = loadScript(container.getAttribute('data-script'));
    var mountedFor = null;
    var ready = null;

    function method() {
      var chosen = form.querySelector('input[name="method"]:checked') || form.querySelector('input[name="method"]');
      return chosen ? chosen.value : 'CARD';
    }
    function newMethod() {
      var saved = form.querySelector('input[name="savedMethod"]:checked');
      return !saved || saved.value === 'new';
    }
    function mount() {
      var m = method();
      if (m !== mountedFor) {
        mountedFor = m;
        token.value = '';
        ready = loaded.then(function () { return driver.mount(container, config, m); });
        ready.catch(function () {
          problem.textContent = 'The payment processor\'s secure fields could not be loaded. Reload the page to try again.';
        });
      }
      return ready;
    }

    mount();
    form.addEventListener('change', function (event) {
      if (event.target.name === 'method') {
        mount();
      }
    });
    form.addEventListener('submit', function (event) {
      if (token.value || !newMethod()) {
        return;
      }
      event.preventDefault();
      var submitter = event.submitter;
      problem.textContent = '';
      mount().then(function () { return driver.tokenize(method()); }).then(function (result) {
        if (result.error) {
          problem.textContent = result.error;
          return;
        }
        token.value = result.token;
        ['expMonth', 'expYear'].forEach(function (name) {
          var input = form.querySelector('input[name="' + name + '"][type="hidden"]');
          if (input) {
            input.value = result[name] == null ? '' : String(result[name]);
          }
        });
        if (form.requestSubmit) {
          if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
        } else {
          form.submit();
        }
      }).catch(function () {
        problem.textContent = 'The payment processor could not be reached. Try again.';
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
