// Hosted card and bank fields (docs/hosted-fields.md). The method-fields fragment renders
// <div id="hosted-fields" data-processor data-config data-script> in the payment form; this script loads the processor's
// script (data-script, from the processor's own origin), mounts the driver registered for the processor, and on submit
// asks it for a token, which alone goes to Ratepayer, in the hidden input methodToken. A driver is
// { mount(container, config, method) -> Promise, tokenize(method) -> Promise of {token} or {error} }, method "CARD" or "ACH".
// A driver with mountBeforeScript: true is mounted before the processor's script loads (AcceptUI binds what is there).
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

  // Stripe: the Card Element (Stripe's iframe) and a PaymentMethod made by Stripe.js for a card; for a bank account
  // (method "ACH", when the configuration has setupIntentUrl), Stripe's own bank form (Financial Connections, with manual
  // entry where Stripe offers it) on a SetupIntent the platform makes for the page, whose id alone is posted
  // (docs/processors.md, "Bank accounts at Stripe"; docs/hosted-fields.md).
  api.drivers.stripe = {
    mount: function (container, config, method) {
      if (!this.stripe) {
        this.stripe = window.Stripe(config.publishableKey);
      }
      this.config = config;
      this.form = container.closest('form');
      container.textContent = '';
      this.card = null;
      if (method === 'ACH' && config.setupIntentUrl) {
        // Stripe asks for the account holder's name (billing_details.name); the bank itself is chosen in Stripe's form
        var label = document.createElement('label');
        label.htmlFor = 'stripe-ach-name';
        label.textContent = 'Account holder\'s name';
        var name = document.createElement('input');
        name.id = 'stripe-ach-name';
        name.name = 'stripeAccountHolder';
        name.autocomplete = 'name';
        name.setAttribute('aria-describedby', 'stripe-ach-hint');
        var hint = document.createElement('p');
        hint.id = 'stripe-ach-hint';
        hint.textContent = 'When you continue, Stripe\'s secure form opens to connect your bank account.';
        container.appendChild(label);
        container.appendChild(name);
        container.appendChild(hint);
        return Promise.resolve();
      }
      var element = document.createElement('div');
      element.id = 'stripe-card';
      element.className = 'stripe-card';
      container.appendChild(element);
      this.card = this.stripe.elements().create('card');
      this.card.mount(element);
      return Promise.resolve();
    },
    tokenize: function (method) {
      if (method === 'ACH') {
        return this.bank();
      }
      return this.stripe.createPaymentMethod({ type: 'card', card: this.card }).then(function (result) {
        if (result.error) {
          return { error: result.error.message };
        }
        var card = result.paymentMethod.card || {};
        return { token: result.paymentMethod.id, expMonth: card.exp_month, expYear: card.exp_year };
      });
    },
    // A SetupIntent from the platform (saved methods get a Customer and usage=off_session), Stripe's bank form on it, the
    // payer's acceptance of the authorization shown on the page (confirmUsBankAccountSetup), and its id as the token.
    bank: function () {
      var self = this;
      var nameInput = document.getElementById('stripe-ach-name');
      var name = nameInput ? nameInput.value.trim() : '';
      if (!name) {
        return Promise.resolve({ error: 'Enter the account holder\'s name.' });
      }
      var email = self.form.querySelector('input[type="email"]');
      var save = !!(self.form.querySelector('#saveMethod:checked') || self.form.querySelector('#save-method'));
      return fetch(self.config.setupIntentUrl, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'save=' + save
      }).then(function (response) {
        if (response.status === 429) {
          return { error: 'Too many attempts. Wait a few minutes, then try again.' };
        }
        if (!response.ok) {
          return { error: 'The bank account could not be set up just now. Try again, or pay another way.' };
        }
        return response.json().then(function (answer) {
          var billing = { name: name };
          if (email && email.value) {
            billing.email = email.value;
          }
          return self.stripe.collectBankAccountForSetup({
            clientSecret: answer.clientSecret,
            params: { payment_method_type: 'us_bank_account', payment_method_data: { billing_details: billing } }
          }).then(function (collected) {
            if (collected.error) {
              return { error: collected.error.message };
            }
            if (collected.setupIntent.status === 'requires_payment_method') {
              return { error: 'No bank account was connected. Continue again to connect one, or pay another way.' };
            }
            var confirmed = collected.setupIntent.status === 'requires_confirmation'
              ? self.stripe.confirmUsBankAccountSetup(answer.clientSecret)
              : Promise.resolve(collected);
            return confirmed.then(function (result) {
              if (result.error) {
                return { error: result.error.message };
              }
              if (result.setupIntent.status === 'requires_action') {
                return { error: 'This bank account must first be verified with two small deposits, which takes a few days;'
                  + ' it cannot pay now. Connect your bank instantly instead, or pay another way.' };
              }
              return result.setupIntent.status === 'succeeded' ? { token: result.setupIntent.id }
                : { error: 'The bank account could not be set up. Try again, or pay another way.' };
            });
          });
        });
      });
    }
  };

  // Authorize.Net: for a card, Accept.js's hosted payment form (AcceptUI), a lightbox of Authorize.Net's own origin opened by
  // a button of class "AcceptUI"; its answer is a one-time nonce, sent to Ratepayer as
  // "anet-nonce:CARD:<brand>:<last four>:<nonce>" (docs/processors.md). AcceptUI binds the buttons present when its script
  // runs, so this driver mounts first. For a bank account, AcceptUI's bank form does not tell the page the last four digits
  // or the kind of account, so the page has its own bank fields, without names (never posted to Ratepayer), and Accept.js
  // sends them from the browser straight to Authorize.Net, which answers with a nonce: "anet-nonce:BANK:<CHECKING|SAVINGS>:
  // <last four>:<nonce>" (docs/hosted-fields.md).
  function brandOf(bin) {
    var b = String(bin || '');
    if (/^4/.test(b)) { return 'VISA'; }
    if (/^(5[1-5]|2[2-7])/.test(b)) { return 'MASTERCARD'; }
    if (/^3[47]/.test(b)) { return 'AMEX'; }
    if (/^(6011|65|64[4-9])/.test(b)) { return 'DISCOVER'; }
    return 'CARD';
  }
  function bankField(id, label, attributes) {
    var p = document.createElement('p');
    var l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    var input = document.createElement(attributes.options ? 'select' : 'input');
    input.id = id;
    (attributes.options || []).forEach(function (o) {
      var option = document.createElement('option');
      option.value = o[0];
      option.textContent = o[1];
      input.appendChild(option);
    });
    Object.keys(attributes).forEach(function (k) {
      if (k !== 'options') {
        input.setAttribute(k, attributes[k]);
      }
    });
    p.appendChild(l);
    p.appendChild(input);
    return p;
  }
  function anetBankFields() {
    var box = document.createElement('div');
    box.id = 'anet-bank';
    box.appendChild(bankField('anet-ach-name', 'Name on the account', { autocomplete: 'name', maxlength: '22' }));
    box.appendChild(bankField('anet-ach-routing', 'Routing number (9 digits)', { inputmode: 'numeric', maxlength: '9', autocomplete: 'off' }));
    box.appendChild(bankField('anet-ach-account', 'Account number', { inputmode: 'numeric', maxlength: '17', autocomplete: 'off' }));
    box.appendChild(bankField('anet-ach-type', 'Kind of account', { options: [['checking', 'Checking'], ['savings', 'Savings']] }));
    var hint = document.createElement('p');
    hint.id = 'anet-ach-hint';
    hint.textContent = 'Your bank details go from this page straight to Authorize.Net, the payment processor; only a one-time code'
      + ' that stands for them is sent on.';
    box.appendChild(hint);
    return box;
  }
  // hidden, and not displayed: the site's stylesheet gives buttons a display of their own, which would override [hidden]
  function shown(el, visible) {
    el.hidden = !visible;
    el.style.display = visible ? '' : 'none';
  }
  function valueOf(id) {
    var el = document.getElementById(id);
    return el ? String(el.value || '').trim() : '';
  }
  api.drivers.authorizenet = {
    mountBeforeScript: true,
    mount: function (container, config, method) {
      var self = this;
      self.config = config;
      // the card button first, whatever the method: AcceptUI binds only the buttons there when its script runs
      if (!this.button) {
        var button = document.createElement('button');
        button.type = 'button';
        button.id = 'acceptui-open';
        button.className = 'AcceptUI';
        button.textContent = 'Enter card details';
        button.setAttribute('data-billingAddressOptions', '{"show":false,"required":false}');
        button.setAttribute('data-apiLoginID', config.apiLoginId);
        button.setAttribute('data-clientKey', config.clientKey);
        button.setAttribute('data-acceptUIFormBtnTxt', 'Use this card');
        button.setAttribute('data-acceptUIFormHeaderTxt', 'Card details');
        button.setAttribute('data-paymentOptions', '{"showCreditCard": true, "showBankAccount": false}');
        button.setAttribute('data-responseHandler', 'ratepayerAcceptUiAnswer');
        container.insertBefore(button, container.firstChild);
        this.button = button;
        window.ratepayerAcceptUiAnswer = function (answer) {
          var result;
          if (!answer || !answer.messages || answer.messages.resultCode !== 'Ok' || !answer.opaqueData) {
            var said = answer && answer.messages && answer.messages.message && answer.messages.message[0];
            result = { error: 'The card was not accepted' + (said && said.text ? ': ' + said.text : '.') + ' Check it and try again.' };
          } else {
            var card = answer.encryptedCardData || {};
            var digits = String(card.cardNumber || '').replace(/\D/g, '');
            var expiry = /^(\d{2})\/(\d{2})$/.exec(String(card.expDate || ''));
            result = {
              token: 'anet-nonce:CARD:' + brandOf(card.bin) + ':' + digits.slice(-4) + ':' + answer.opaqueData.dataValue,
              expMonth: expiry ? Number(expiry[1]) : null,
              expYear: expiry ? 2000 + Number(expiry[2]) : null
            };
          }
          // the payer may open the form with the button before paying: the answer waits for the submit
          if (self.waiting) {
            var waiting = self.waiting;
            self.waiting = null;
            waiting(result);
          } else {
            self.answered = result;
          }
        };
      }
      shown(self.button, method !== 'ACH');
      if (method !== 'ACH') {
        if (self.bank) {
          shown(self.bank, false);
        }
        return Promise.resolve();
      }
      if (!self.bank) {
        self.bank = anetBankFields();
        container.appendChild(self.bank);
      }
      shown(self.bank, true);
      // Accept.js, from Authorize.Net's own origin, loaded once (AcceptUI may have brought it already)
      return window.Accept && window.Accept.dispatchData ? Promise.resolve() : loadScript(config.acceptJsUrl);
    },
    tokenize: function (method) {
      var self = this;
      if (method === 'ACH') {
        return self.bankNonce();
      }
      if (self.answered && self.answered.token) {
        var ready = self.answered;
        self.answered = null;
        return Promise.resolve(ready);
      }
      return new Promise(function (resolve) {
        self.waiting = resolve;
        self.button.click();
      });
    },
    bankNonce: function () {
      var config = this.config;
      var bank = {
        nameOnAccount: valueOf('anet-ach-name'),
        routingNumber: valueOf('anet-ach-routing').replace(/\D/g, ''),
        accountNumber: valueOf('anet-ach-account').replace(/\D/g, ''),
        accountType: valueOf('anet-ach-type') || 'checking'
      };
      if (!bank.nameOnAccount) {
        return Promise.resolve({ error: 'Enter the name on the bank account.' });
      }
      if (bank.routingNumber.length !== 9) {
        return Promise.resolve({ error: 'Enter the 9-digit routing number.' });
      }
      if (bank.accountNumber.length < 4) {
        return Promise.resolve({ error: 'Enter the account number.' });
      }
      return new Promise(function (resolve) {
        window.Accept.dispatchData({ authData: { clientKey: config.clientKey, apiLoginID: config.apiLoginId }, bankData: bank },
          function (answer) {
            if (!answer || !answer.messages || answer.messages.resultCode !== 'Ok' || !answer.opaqueData) {
              var said = answer && answer.messages && answer.messages.message && answer.messages.message[0];
              resolve({ error: 'The bank account was not accepted' + (said && said.text ? ': ' + said.text : '.')
                + ' Check it and try again.' });
              return;
            }
            resolve({ token: 'anet-nonce:BANK:' + (bank.accountType === 'savings' ? 'SAVINGS' : 'CHECKING') + ':'
              + bank.accountNumber.slice(-4) + ':' + answer.opaqueData.dataValue });
          });
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
    var script = container.getAttribute('data-script');
    // a driver whose script binds what is on the page when it runs (AcceptUI) mounts first, then loads it
    var loaded = driver.mountBeforeScript ? null : loadScript(script);
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
        ready = driver.mountBeforeScript
          ? Promise.resolve(driver.mount(container, config, m)).then(function () { return loaded || (loaded = loadScript(script)); })
          : loaded.then(function () { return driver.mount(container, config, m); });
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
