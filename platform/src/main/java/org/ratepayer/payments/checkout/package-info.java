/** What the payment page and the Pay Now page share: reading the payment method and amount a payer typed. */
@org.springframework.modulith.NamedInterface("checkout")
package org.ratepayer.payments.checkout;
