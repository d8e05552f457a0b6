package org.ratepayer.billing;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The block flags a biller's staff put on an account, beside the CIS's (docs/staff-search.md, "Block flags"). Neither
 * a refresh nor an invoice file touches them; a balance's flags are the CIS's or these. Whether staff may set them
 * (setting 32) is the caller's to decide.
 */
@Service
public class StaffBlocks {

    /** The staff's blocks of one account. */
    public record Blocks(boolean blockCc, boolean blockAch) {
    }

    private final JdbcClient jdbc;

    public StaffBlocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the blocks before the change; empty when the biller has no such account (nothing changed) */
    @Transactional
    public Optional<Blocks> set(long bid, String accountNumber, Blocks blocks) {
        Optional<Blocks> before = jdbc.sql("""
                select staff_block_cc, staff_block_ach from account where biller_id = ? and account_number = ? for update
                """).params(bid, accountNumber).query((rs, n) -> new Blocks(rs.getBoolean(1), rs.getBoolean(2))).optional();
        if (before.isPresent() && !before.get().equals(blocks)) {
            jdbc.sql("""
                    update account set staff_block_cc = ?, staff_block_ach = ?, updated_at = now()
                    where biller_id = ? and account_number = ?
                    """).params(blocks.blockCc(), blocks.blockAch(), bid, accountNumber).update();
        }
        return before;
    }
}
