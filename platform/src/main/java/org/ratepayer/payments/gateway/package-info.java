/** The gateway port and its sandbox: card and bank checks, tokens, charges. */
@org.springframework.modulith.NamedInterface("gateway")
package org.ratepayer.payments.gateway;
