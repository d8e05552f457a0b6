package org.ratepayer.cis;

/**
 * The platform's only way to talk to a utility's billing system. Daffron (MultiSpeak 3.0) is the
 * first implementation; another CIS is another module implementing this, not a change to payments.
 * Implementations are stateless and thread-safe; everything biller-specific comes in {@link CisBiller}.
 */
public interface CisConnector {

    /** Which billers this connector serves, matched against the biller's template ("daffron"). */
    String system();

    /** Whether the biller has the settings this connector needs for a real-time balance. */
    boolean balanceConfigured(CisBiller biller);

    /**
     * Asks the CIS for an account's balance now.
     *
     * @throws CisException when the CIS is slow, down, refuses the call or answers nonsense
     */
    LiveBalance balance(CisBiller biller, String accountNumber);

    /**
     * Where the CIS serves this invoice's bill image, if the biller presents bills from the CIS.
     * The address is for the platform to fetch from; it is never shown to a payer.
     *
     * @throws CisException NOT_CONFIGURED when the biller's settings cannot form a link
     */
    java.util.Optional<java.net.URI> billPdf(CisBiller biller, InvoiceRef invoice);
}
