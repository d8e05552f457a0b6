package org.ratepayer.daffron;

import org.ratepayer.cis.CisPosting;
import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.ExtensionsList;

/**
 * docs/postings.md, docs/daffron.md "Data Pump: Paperless Enrollment": a paperless change as one {@code customer} of
 * ModifyCBDataForCustomer, {@code objectID} = account, extension {@code EBILL} = Y or N.
 */
public final class PaperlessMapper {

    static final String EBILL = "EBILL";
    /** As the seed's sample has it; Toolbox reads the Y/N value whatever the declared type. */
    static final String EBILL_TYPE = "double";

    /** With the account as in the invoice file. */
    Customer map(CisPosting.Paperless paperless) {
        return map(paperless, paperless.accountNumber());
    }

    /** @param account the account as the CIS knows it ({@link CisAccountNumber}) */
    Customer map(CisPosting.Paperless paperless, String account) {
        ExtensionsItem ebill = new ExtensionsItem();
        ebill.setExtName(EBILL);
        ebill.setExtValue(paperless.enrolled() ? "Y" : "N");
        ebill.setExtType(EBILL_TYPE);
        ExtensionsList extensions = new ExtensionsList();
        extensions.getExtensionsItem().add(ebill);
        Customer customer = new Customer();
        customer.setObjectID(account);
        customer.setExtensionsList(extensions);
        return customer;
    }
}
