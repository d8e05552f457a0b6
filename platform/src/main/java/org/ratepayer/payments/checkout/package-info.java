/**
 * What the payment page and the Pay Now page share: reading the payment method and amount a payer typed, and
 * checking the convenience fee the payer reviewed against the fee now.
 */
@org.springframework.modulith.NamedInterface("checkout")
package org.ratepayer.payments.checkout;
