/**
 * Daily settlement (docs/settlement.md): what the processor funded moves payments from APPROVED to SETTLED, and what
 * does not match is recorded for staff. Named so the staff portal's batch report can show a day's settlement.
 */
@org.springframework.modulith.NamedInterface("settlement")
package org.ratepayer.payments.settlement;
