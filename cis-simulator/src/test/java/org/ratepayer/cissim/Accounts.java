package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Accounts the tests load into the simulator. */
final class Accounts {

    static final String USER = "InvoiceCloud";
    static final String PASSWORD = "t3st-secret";

    private Accounts() {
    }

    /** A prepaid account with a card block, two services and amounts that a float would not keep. */
    static CisAccount prepaid() {
        return new CisAccount("1001-2", "Ada Lovelace", List.of(
                new PayableCharge("Electric", "EL", new BigDecimal("1234567.89"), new BigDecimal("0.07"),
                        LocalDate.of(2024, 8, 15), LocalDate.of(2024, 9, 1), new BigDecimal("50.25"),
                        LocalDate.of(2024, 7, 15)),
                PayableCharge.of("Water", "-15.5", "0").withChargeCode("WA")),
                new BigDecimal("4.93"), new BigDecimal("1"), List.of("Cash Only"), true);
    }

    static CisAccount plain(String accountNumber, String current, String pastDue) {
        return CisAccount.of(accountNumber, PayableCharge.of("Electric", current, pastDue));
    }
}
