/**
 * Checkout of one account's bill, as the one-time payment page and the customer portal both use it: finding an
 * account by its number and a second fact (the page only), review with the fee, confirm. Their controllers only
 * translate HTTP and the session.
 */
@org.springframework.modulith.NamedInterface("page")
package org.ratepayer.payments.page;
