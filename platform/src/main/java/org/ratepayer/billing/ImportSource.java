package org.ratepayer.billing;

/** The four doors an invoice file comes in by. */
public enum ImportSource {
    CLI,
    REST,
    SOAP,
    DROP_FOLDER
}
